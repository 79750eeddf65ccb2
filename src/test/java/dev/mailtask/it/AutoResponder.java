package dev.mailtask.it;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An auto-responder on one mailbox of the test mail server, as a mail server's vacation feature would run:
 * it reads the mailbox over IMAP every 100 ms and answers every mail it has not answered yet over SMTP, to
 * the Reply-To (else the From), with the same text every time (unless numbering). It answers everything, even automatic mail:
 * the worst an auto-responder can do.
 * <ul>
 * <li>honest: {@code Auto-Submitted: auto-replied}, {@code X-Autoreply: yes}, "Automatic reply:" subject;</li>
 * <li>dumb: no marks at all, "Re: subject" with In-Reply-To/References, like a person's reply.</li>
 * </ul>
 */
final class AutoResponder implements AutoCloseable {

    private final TestMailServer mail;
    private final String address;
    private final boolean honest;
    private final boolean varying;
    private final Set<String> answered = new HashSet<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

    private AutoResponder(TestMailServer mail, String address, boolean honest, boolean varying) {
        this.mail = mail;
        this.address = address;
        this.honest = honest;
        this.varying = varying;
        poller.scheduleWithFixedDelay(this::answerNew, 0, 100, TimeUnit.MILLISECONDS);
    }

    static AutoResponder honest(TestMailServer mail, String address) {
        return new AutoResponder(mail, address, true, false);
    }

    static AutoResponder dumb(TestMailServer mail, String address) {
        return new AutoResponder(mail, address, false, false);
    }

    /** Dumb, and its text changes every time ("your request no. 7 was received"). */
    static AutoResponder dumbNumbering(TestMailServer mail, String address) {
        return new AutoResponder(mail, address, false, true);
    }

    /** Mails it received (read over IMAP). */
    int received() throws Exception {
        return mail.inboxOf(address).size();
    }

    /** Answers it sent. */
    int sent() {
        return sent.get();
    }

    /** Answered everything it received: nothing of its own is still to come. */
    boolean caughtUp() throws Exception {
        return answeredCount() == received();
    }

    private synchronized int answeredCount() {
        return answered.size();
    }

    private void answerNew() {
        try {
            for (MimeMessage in : mail.inboxOf(address)) {
                String id = in.getMessageID();
                synchronized (this) {
                    if (answered.contains(id)) {
                        continue;
                    }
                }
                String to = in.getHeader("Reply-To", null) != null ? in.getHeader("Reply-To", null)
                        : in.getHeader("From", null);
                String references = (in.getHeader("References", null) == null ? "" : in.getHeader("References", null)
                        + " ") + id;
                String subject = honest ? "Automatic reply: " + in.getSubject() : "Re: " + in.getSubject();
                String answer = "From: " + address + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
                        + "Message-ID: <answer-" + sent.get() + "-" + System.nanoTime() + "@" + domain() + ">\r\n"
                        + "In-Reply-To: " + id + "\r\nReferences: " + references + "\r\n"
                        + (honest ? "Auto-Submitted: auto-replied\r\nX-Autoreply: yes\r\n" : "")
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + (varying ? "Your request no. " + (sent.get() + 1) + " was received.\r\n"
                                : "I am out of the office until Monday and will read your mail then.\r\n");
                mail.send(answer.getBytes(StandardCharsets.UTF_8), new jakarta.mail.internet.InternetAddress(to)
                        .getAddress());
                sent.incrementAndGet();
                synchronized (this) {
                    answered.add(id);
                }
            }
        } catch (Exception e) {
            // the next round tries again (a mail not answered yet is answered then)
        }
    }

    private String domain() {
        return address.substring(address.indexOf('@') + 1);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
