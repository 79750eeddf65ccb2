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
}
