package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    @Test
    void whitespaceBetweenAdjacentEncodedWordsIsDropped() {
        assertThat(EncodedWords.decode("=?ISO-8859-1?Q?te?=\r\n =?ISO-8859-1?Q?st?=", null)).isEqualTo("test");
    }

    @Test
    void textAroundEncodedWordsIsKept() {
        assertThat(EncodedWords.decode("Re: =?UTF-8?B?0YLQtdGB0YI=?= [#12]", null)).isEqualTo("Re: тест [#12]");
    }

    @Test
    void multiByteCharacterSplitAcrossWordsIsJoined() {
        // "тест" = D1 82 D0 B5 D1 81 D1 82, split after the first byte of 'е'
        assertThat(EncodedWords.decode("=?utf-8?Q?=D1=82=D0?= =?utf-8?Q?=B5=D1=81=D1=82?=", null)).isEqualTo("тест");
    }

    @Test
    void differentCharsetsAreDecodedSeparately() {
        assertThat(EncodedWords.decode("=?koi8-r?B?1MXT1A==?= =?windows-1251?B?8uXx8g==?=", null))
                .isEqualTo("тесттест");
    }

    @Test
    void underscoreIsSpaceInQ() {
        assertThat(EncodedWords.decode("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2_=EC=E8=F0?=", null))
                .isEqualTo("Привет мир");
    }

    @Test
    void unknownCharsetIsDetected() {
        assertThat(EncodedWords.decode("=?x-unknown?B?0J/RgNC40LLQtdGC?=", null)).isEqualTo("Привет");
    }

    @Test
    void languageSuffixIsIgnored() {
        assertThat(EncodedWords.decode("=?UTF-8*ru?Q?=D0=94=D0=B0?=", null)).isEqualTo("Да");
    }

    @Test
    void notAnEncodedWordStaysAsIs() {
        assertThat(EncodedWords.decode("=?broken and 2 + 2 = 4 ?=", null)).isEqualTo("=?broken and 2 + 2 = 4 ?=");
        assertThat(EncodedWords.decode("plain", null)).isEqualTo("plain");
    }

    /** Each made-up charset name cost a class path search (50 s for 60,000), each run a detection. */
    @Test
    void sixtyThousandWordsInMadeUpCharsetsDecodeInLinearTime() {
        String e = java.util.Base64.getEncoder().encodeToString("é".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            value.append(i == 0 ? "" : " a ").append("=?x-made-up-").append(i).append("?B?").append(e).append("?=");
        }
        String decoded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> EncodedWords.decode(value.toString(), null));
        assertThat(decoded.substring(0, 9)).isEqualTo("é a é a é");
        assertThat(decoded.chars().filter(c -> c == 'é').count()).isEqualTo(60_000);
        assertThat(decoded.contains("=?")).isFalse();
    }

    @Test
    void adjacentWordsWithUnknownLabelsAreDecodedTogether() {
        // "тест" in windows-1251, split over two words that name charsets nobody knows
        assertThat(EncodedWords.decode("=?x-one?B?8uU=?= =?x-two?B?8fI=?=", null)).isEqualTo("тест");
    }
}
