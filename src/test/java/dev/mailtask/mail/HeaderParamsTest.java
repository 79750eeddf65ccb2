package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderParamsTest {

    @Test
    void valueAndQuotedParameters() {
        HeaderParams p = HeaderParams.parse("Text/Plain; charset=\"UTF-8\"; format=flowed; name=\"a \\\"b\\\".txt\"");

        assertThat(p.value).isEqualTo("text/plain");
        assertThat(p.raw("charset")).isEqualTo("UTF-8");
        assertThat(p.raw("format")).isEqualTo("flowed");
        assertThat(p.decoded("name", null)).isEqualTo("a \"b\".txt");
        assertThat(p.raw("missing")).isNull();
    }

    @Test
    void rfc2231ExtendedValue() {
        HeaderParams p = HeaderParams.parse("attachment; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82.pdf");

        assertThat(p.value).isEqualTo("attachment");
        assertThat(p.decoded("filename", null)).isEqualTo("Отчёт.pdf");
    }

    @Test
    void rfc2231ContinuationsMixingEncodedAndPlainSegments() {
        HeaderParams p = HeaderParams.parse("attachment;\r\n filename*1*=%F2.txt;\r\n"
                + " filename*0*=windows-1251'ru'%CE%F2%F7%B8;\r\n filename*2=\" (copy)\"");

        assertThat(p.decoded("filename", null)).isEqualTo("Отчёт.txt (copy)");
    }

    @Test
    void extendedValueWinsOverPlainValue() {
        HeaderParams p = HeaderParams.parse("attachment; filename=\"fallback.txt\"; filename*=utf-8''%C3%A4.txt");

        assertThat(p.decoded("filename", null)).isEqualTo("ä.txt");
    }

    @Test
    void encodedWordsInPlainValue() {
        HeaderParams p = HeaderParams.parse("application/pdf; name=\"=?UTF-8?B?0KHQvNC10YLQsC5wZGY=?=\"");

        assertThat(p.decoded("name", null)).isEqualTo("Смета.pdf");
    }

    @Test
    void rawEightBitValueIsRecovered() {
        String latin1View = new String("Акт.pdf".getBytes(java.nio.charset.Charset.forName("windows-1251")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        HeaderParams p = HeaderParams.parse("attachment; filename=\"" + latin1View + "\"");

        assertThat(p.decoded("filename", null)).isEqualTo("Акт.pdf");
    }

    @Test
    void junkIsTolerated() {
        HeaderParams p = HeaderParams.parse(" multipart/mixed (comment) ;; boundary = abc ; novalue; =x; ");

        assertThat(p.value).isEqualTo("multipart/mixed");
        assertThat(p.raw("boundary")).isEqualTo("abc");
        assertThat(HeaderParams.parse(null).value).isEmpty();
        assertThat(HeaderParams.parse("text/plain; name=\"unterminated").raw("name")).isEqualTo("unterminated");
    }
}
