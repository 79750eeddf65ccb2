package dev.mailtask.outbound;

import java.util.OptionalLong;

/**
 * What one of our verified Message-IDs says (see {@link MessageIds}).
 *
 * @param kind        a comment mailed out, or a notice (an automatic mail about the task)
 * @param taskNumber  the task's number (the one in {@code [#N]})
 * @param itemId      the comment id ({@link Kind#COMMENT}) or the notice id ({@link Kind#NOTICE})
 * @param recipientId whom this copy went to (contact or employee id as the caller numbers them; 0 for a
 *                    mail that went to several recipients at once)
 */
public record OurMessageId(Kind kind, long taskNumber, long itemId, long recipientId) {

    public enum Kind { COMMENT, NOTICE }

    /** The comment id, when this id is a comment's. */
    public OptionalLong commentId() {
        return kind == Kind.COMMENT ? OptionalLong.of(itemId) : OptionalLong.empty();
    }
}
