package dev.mailtask.mail;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a mail of unknown size as it streams in and hands it over as one exact array. Unlike a
 * {@code ByteArrayOutputStream}, whose doubling and final copy hold up to four times a large mail at once,
 * the chunks here are never moved: the peak is twice the mail, briefly, then exactly once.
 */
public final class MailBytesBuffer extends OutputStream {

    private static final int FIRST_CHUNK = 16 * 1024;
    private static final int LARGEST_CHUNK = 1024 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[FIRST_CHUNK];
    private int used;
    private long size;

    @Override
    public void write(int b) {
        if (used == current.length) {
            nextChunk();
        }
        current[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == current.length) {
                nextChunk();
            }
            int n = Math.min(length, current.length - used);
            System.arraycopy(bytes, offset, current, used, n);
            used += n;
            offset += n;
            length -= n;
            size += n;
        }
    }

    private void nextChunk() {
        full.add(current);
        current = new byte[Math.min(LARGEST_CHUNK, current.length * 2)];
        used = 0;
    }

    public long size() {
        return size;
    }

    /** The bytes written, in one array of exactly {@link #size()} bytes. */
    public byte[] toByteArray() {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a mail of " + size + " bytes does not fit in one array");
        }
        if (full.isEmpty() && used == current.length) {
            return current;
        }
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : full) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        System.arraycopy(current, 0, all, at, used);
        return all;
    }
}
