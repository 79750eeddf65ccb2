/**
 * Outgoing mail, as pure functions: nothing here sends, stores or reads the database.
 * <ul>
 *   <li>{@link dev.mailtask.outbound.OutgoingMail} and {@link dev.mailtask.outbound.MailComposer}: a mail,
 *       checked on construction, written as RFC 5322 bytes;</li>
 *   <li>{@link dev.mailtask.outbound.MessageIds}: our verifiable Message-IDs;</li>
 *   <li>{@link dev.mailtask.outbound.ReplyTokens}: Reply-To plus-addresses with an opaque token;</li>
 *   <li>{@link dev.mailtask.outbound.SubjectTags}: {@code [#42]} in subjects;</li>
 *   <li>{@link dev.mailtask.outbound.Threading}, {@link dev.mailtask.outbound.Senders},
 *       {@link dev.mailtask.outbound.Signatures}: In-Reply-To/References, From and signature;</li>
 *   <li>{@link dev.mailtask.outbound.OwnMail}: our own mail coming back.</li>
 * </ul>
 *
 * <p><b>Header injection.</b> Every value that reaches a header is either refused or cleaned, never passed
 * through: addresses, message ids, tokens, the loop id and content types are refused with an
 * {@link java.lang.IllegalArgumentException} naming the field when they hold a control character (CR, LF,
 * NUL, ...) or are not valid; free text (subject, display names, file names) has its control characters
 * turned into spaces and is written as words, quoted strings or encoded words.
 */
package dev.mailtask.outbound;
