package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharsetDetectionTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "тест тест, KOI8-R",
        "тест тест, windows-1251",
        "Ошибка, windows-1251",
        "Ошибка, KOI8-R",
        "СРОЧНО, windows-1251",
        "СРОЧНО, KOI8-R",
        "Отчёт за март, windows-1251",
        "Re: FW: счёт, KOI8-R",
        "Иван Петров, KOI8-R",
        "'Здравствуйте, прошу помочь с доступом к почте. Спасибо!', windows-1251",
        "Привіт, windows-1251",
        "Grüße aus München, windows-1252",
        "'Ça va? Très bien, merci.', windows-1252",
        "Straße, windows-1252",
        "Привет — мир, UTF-8",
        "日本語のテキスト, Shift_JIS",
        "日本語のテキスト, EUC-JP",
    })
    void undeclaredTextIsDecodedCorrectly(String text, String charset) {
        byte[] bytes = text.getBytes(Charset.forName(charset));

        assertThat(CharsetDetection.decode(bytes, null, null)).isEqualTo(text);
    }

    @Test
    void usAsciiLabelOverEightBitBytesIsDetected() {
        byte[] bytes = "Заявка".getBytes(Charset.forName("windows-1251"));

        assertThat(CharsetDetection.decode(bytes, "us-ascii", null)).isEqualTo("Заявка");
    }

    @Test
    void bogusLabelsFallBackToDetection() {
        byte[] bytes = "Проверка".getBytes(StandardCharsets.UTF_8);

        assertThat(CharsetDetection.decode(bytes, "x-no-such-charset", null)).isEqualTo("Проверка");
        assertThat(CharsetDetection.decode(bytes, "\"utf-8\"", null)).isEqualTo("Проверка");
        assertThat(CharsetDetection.decode(bytes, "ut f/8", null)).isEqualTo("Проверка");
        assertThat(CharsetDetection.decode(bytes, "", null)).isEqualTo("Проверка");
    }

    @Test
    void labelAliases() {
        assertThat(CharsetDetection.lookup("cp1251")).isEqualTo(Charset.forName("windows-1251"));
        assertThat(CharsetDetection.lookup("win-1251")).isEqualTo(Charset.forName("windows-1251"));
        assertThat(CharsetDetection.lookup("KOI8R")).isEqualTo(Charset.forName("KOI8-R"));
        assertThat(CharsetDetection.lookup("iso-8859-1")).isEqualTo(Charset.forName("windows-1252"));
        assertThat(CharsetDetection.lookup("ks_c_5601-1987")).isEqualTo(Charset.forName("x-windows-949"));
        assertThat(CharsetDetection.lookup("utf-8*ru")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CharsetDetection.lookup("unknown-8bit")).isNull();
        assertThat(CharsetDetection.lookup(null)).isNull();
    }

    @Test
    void windows1251LabelledAsUtf8IsDetected() {
        byte[] bytes = "Добрый день, коллеги".getBytes(Charset.forName("windows-1251"));

        assertThat(CharsetDetection.decode(bytes, "utf-8", null)).isEqualTo("Добрый день, коллеги");
    }

    @Test
    void utf8LabelledAsLatin1IsDecodedAsUtf8() {
        byte[] bytes = "Grüße".getBytes(StandardCharsets.UTF_8);

        assertThat(CharsetDetection.decode(bytes, "iso-8859-1", null)).isEqualTo("Grüße");
    }

    @Test
    void recover8bitLeavesAsciiAndDecodedTextAlone() {
        assertThat(CharsetDetection.recover8bit("plain ascii", null)).isEqualTo("plain ascii");
        assertThat(CharsetDetection.recover8bit("уже Unicode", null)).isEqualTo("уже Unicode");
        String latin1View = new String("Тест".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(CharsetDetection.recover8bit(latin1View, null)).isEqualTo("Тест");
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            String label = i % 3 == 0 ? null : i % 3 == 1 ? "utf-8" : "x-bogus";
            assertThat(CharsetDetection.decode(b, label, null)).isNotNull();
        }
    }
}
