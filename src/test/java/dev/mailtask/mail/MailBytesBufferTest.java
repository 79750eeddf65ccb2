package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MailBytesBufferTest {

    @Test
    void bytesWrittenInPiecesOfAnySizeComeBackInOrderInAnExactArray() {
        byte[] mail = new byte[3 * 1024 * 1024 + 12_345];
        new Random(7).nextBytes(mail);
        MailBytesBuffer buffer = new MailBytesBuffer();
        Random sizes = new Random(11);
        int at = 0;
        while (at < mail.length) {
            if (sizes.nextInt(10) == 0) {
                buffer.write(mail[at++]);
            } else {
                int n = Math.min(mail.length - at, sizes.nextInt(200_000));
                buffer.write(mail, at, n);
                at += n;
            }
        }
        assertThat(buffer.size()).isEqualTo(mail.length);
        assertThat(buffer.toByteArray()).isEqualTo(mail);
    }

    @Test
    void emptyAndChunkSizedMailsComeBackExactly() {
        assertThat(new MailBytesBuffer().toByteArray()).isEmpty();
        byte[] exactlyOneChunk = new byte[16 * 1024];
        new Random(3).nextBytes(exactlyOneChunk);
        MailBytesBuffer buffer = new MailBytesBuffer();
        buffer.write(exactlyOneChunk, 0, exactlyOneChunk.length);
        assertThat(buffer.toByteArray()).isEqualTo(exactlyOneChunk);
    }
}
