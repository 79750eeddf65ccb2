package dev.mailtask.config;

/** A configuration file is wrong; the message names the file and line, so the fix is one look away. */
public class ConfigException extends RuntimeException {

    private final String file;
    private final int line;

    public ConfigException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
