package dev.mailtask.store;

/** Values from mail are unbounded; columns are not. Clipping happens here, at the storage boundary. */
public final class Columns {

    private Columns() {
    }

    public static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
