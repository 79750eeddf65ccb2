package dev.mailtask.mail.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.mail.MailAttachment;

/**
 * Non-RFC 3464 bounces: the plain-text non-delivery reports of qmail, old Postfix, Sendmail, Exim, Exchange,
 * Gmail, Mail.ru, Yandex, Courier, Lotus Notes and the like. Recognised from a combination of signals, the
 * failed recipients and their status codes read out of the report text with general patterns.
 */
final class PlainBounce {

    private PlainBounce() {
    }

    private static final Pattern DAEMON_LOCAL = Pattern.compile(
            "(?i)mailer[-_]?daemon|mail[-_]?daemon|post[-_]?master|mdaemon|mail[-_]?delivery[-_]?(?:system|subsystem)?"
                    + "|double-bounce|nobody-bounce|mailerdaemon|mail-notifier|dsn|mail\\.delivery\\.system");
    private static final Pattern DAEMON_NAME = Pattern.compile(
            "(?i).*(mail delivery (sub)?system|mailer[- ]daemon|postmaster|mail administrator|post office"
                    + "|mail system|delivery status|почтовая служба|система доставки|почтовый робот).*");

    private static final Pattern SUBJECT = Pattern.compile("(?iu)(undeliver|undelivered|returned mail|return(ed)? to sender"
            + "|delivery status notification|delivery notification|delivery (has )?fail|mail delivery|failure notice"
            + "|non[- ]?deliver|nondeliver|not (been )?delivered|could not (be )?deliver|delivery problem"
            + "|mail system error|delivery report|warning: could not send|delayed mail|delivery delay"
            + "|could not send message|message not delivered|delivery error|email delivery error"
            + "|mail could not be delivered|permanent error|failed delivery|delivery failure|rejected:"
            + "|bounce|message you sent|message status|undeliverable|unzustellbar|nicht zustellbar"
            + "|[ée]chec de (la )?(remise|distribution)|non remis|onbestelbaar|no se pudo entregar"
            + "|недоставленное|не доставлено|не удалось доставить|не может быть доставлено|ошибка доставки"
            + "|mail failure|returned message|message delivery|notice of delivery|delivery status"
            + "|メールエラー|配信エラー|配送エラー|送信エラー|不達|エラー通知|返送)");

    private static final Pattern BODY = Pattern.compile("(?iu)(could not be delivered|couldn't be delivered"
            + "|was not delivered|wasn't delivered|not be delivered|wasn't able to deliver|was not able to deliver"
            + "|unable to deliver|undeliverable|undelivered|delivery (to the following recipients? )?(has )?failed"
            + "|permanent (fatal )?error|permanent failure|fatal errors|user unknown|unknown user|no such user"
            + "|mailbox (is )?(unavailable|full|not found|does not exist)|recipient address rejected"
            + "|address rejected|does not exist|delivery status notification|this is the mail system at"
            + "|qmail-send program|the following address(es)? (had|failed)|returned to sender|did not reach"
            + "|delivery to the following|message delivery failed|non-?delivery|rejected your message"
            + "|host unknown|unrouteable|smtp error|remote host said|relay(ing)? denied|over quota|quota exceeded"
            + "|mail delivery failed|failed recipient|not delivered to|delivery has been delayed|could not deliver"
            + "|has not yet been delivered|message was not|could not be sent|message has not been delivered"
            + "|не (может быть |был[оа]? )?доставлен|не удалось доставить|недоставлен"
            + "|nicht zugestellt|unzustellbar|n'a pas pu [êe]tre (remis|distribu)|error delivering"
            + "|transcript of session|delivery (attempts? )?failed|giving up|could not reach|did not like"
            + "|送信できませんでした|配信できませんでした|届きませんでした|配送できませんでした|宛先不明)");

    /** A person's reply or forward of a bounce is not itself a bounce. */
    private static final Pattern FORWARDED = Pattern.compile(
            "(?is)\\s*(re|fwd?|aw|wg|tr|rv|sv|vs|antw|ответ|пересл)\\s*:");

    /** The reasons to read the mail as a plain-text bounce, or null when it is not one. */
    static List<String> signals(InboundMail mail) {
        List<String> s = new ArrayList<>();
        boolean daemon = daemonSender(mail);
        if (daemon) {
            s.add("From: " + mail.header("From"));
        }
        String rp = mail.header("Return-Path");
        boolean emptyRp = rp != null && rp.replaceAll("[\\s<>]", "").isEmpty();
        if (emptyRp) {
            s.add("Return-Path: <>");
        }
        String failed = mail.header("X-Failed-Recipients");
        if (failed != null) {
            s.add("X-Failed-Recipients: " + failed);
        }
        String subject = mail.subject();
        boolean forwarded = FORWARDED.matcher(subject).lookingAt();
        Matcher sm = SUBJECT.matcher(head(subject, 2000)); // a bounce says so early; bounded on huge subjects
        boolean subj = !forwarded && sm.find();
        if (subj) {
            s.add("Subject: " + sm.group());
        }
        if (failed == null && !daemon && !subj && !emptyRp) {
            return null; // every verdict below needs one of these: ordinary mail skips the body scan
        }
        String text = head(reportText(mail), 6000);
        Matcher bm = BODY.matcher(text);
        boolean body = bm.find();
        if (body) {
            s.add("text: " + bm.group());
        }
        boolean status = statusInText(text);
        boolean original = MailReports.part(mail, "message/rfc822") != null
                || MailReports.part(mail, "text/rfc822-headers") != null
                || MailReports.part(mail, "message/global") != null;
        if (original) {
            s.add("attached original message");
        }
        boolean bounce = failed != null && (daemon || emptyRp || subj || body)
                || daemon && (subj || body)
                || subj && (emptyRp || body && (status || original))
                || emptyRp && MailReports.autoReplySubject(subject) == null && (body && status || original);
        return bounce ? s : null;
    }

    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])[45]\\.[0-7]\\.\\d{1,3}(?![\\d])(?!\\.\\d)"
            + "|(?m)(^[\\s>]*|said:\\s*|error:\\s*|reply:\\s*|\\(reason:\\s*)[45][0-5]\\d[- ]");

    private static boolean statusInText(String text) {
        return STATUS.matcher(text).find();
    }

    private static final Pattern DAEMON_FROM = Pattern.compile(
            "(?i).*\\b(mailer[-_]?daemon|post[-_]?master|mail delivery (sub)?system)\\b.*");

    /** From MAILER-DAEMON, postmaster, "Mail Delivery System" and the like. */
    static boolean daemonSender(InboundMail mail) {
        MailAddress from = mail.from();
        if (from == null) {
            String raw = mail.header("From");
            return raw != null && DAEMON_FROM.matcher(raw).matches();
        }
        return DAEMON_LOCAL.matcher(from.localPart()).matches() || DAEMON_NAME.matcher(from.name()).matches();
    }

    // ----------------------------------------------------------------------------------------------------
    // recipients

    /** At most 127 domain labels: the repeated label group recurses once per label (a stack overflow on junk). */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+){0,126}\\.[A-Za-z]{2,}");

    /** Lines whose addresses are not recipients: quoted header fields of the bounce or of the original. */
    private static final Pattern SKIP_LINE = Pattern.compile(
            "(?i)^[\\s>]*(message-id|in-reply-to|references|return-path|from|sender|reply-to|x-[a-z-]*|"
                    + "dkim-signature|list-[a-z]+|errors-to|envelope-from)\\s*:.*");

    private static final Set<String> NOT_RECIPIENT_LOCAL = Set.of("mailer-daemon", "postmaster", "root", "abuse",
            "hostmaster", "webmaster", "noreply", "no-reply", "double-bounce");

    /**
     * Where the copy of the original starts. The leading run of quote marks, dashes and blanks is taken whole
     * (possessive) and the phrases that start with dashes look back into it: a run that could be split anywhere
     * made a line of 60,000 dashes cost minutes.
     */
    static final Pattern CUT = Pattern.compile("(?im)^[ \\t>-]*+(?:"
            + "(?<=-[ \\t]{0,200})\\s*below this line is a copy of the message|.*this is a copy of the message"
            + "|.*original message (follows|headers?)|.*original message was:|(?<=- ?)original message ?-+"
            + "|.*headers? of the original message|.*unsent message (below|follows)|.*message headers? follows?"
            + "|.*copy of (the |your )?(original )?message|content-type: message/rfc822|.*returned message"
            + "|.*original message header|.*the first \\d+ lines of|(?<=--- )the header of the original"
            + "|.*original message attached|.*following is a copy|(?<=--- )original message"
            + "|.*ниже (находится|приведена) копия|.*исходное сообщение|.*заголовки исходного).*$");

    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?i)^(return-path|received|message-id|from|to|subject|date|mime-version|content-type"
                    + "|dkim-signature|x-[a-z0-9-]+|delivered-to|reply-to|authentication-results):\\s.*");

    private static final int MAX_TEXT = 64 * 1024;
    private static final int MAX_LINE = 2000;

    /** The text that holds the report: the text body (or the first text attachment), without the original. */
    static String reportText(InboundMail mail) {
        String text = mail.textBody();
        if (text.isBlank()) {
            for (MailAttachment a : mail.attachments()) {
                if (a.contentType().equals("text/plain")) {
                    text = Fields.text(a.content());
                    break;
                }
            }
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT); // the report is at the top; bounded work on huge bodies
        }
        int cut = text.length();
        Matcher m = CUT.matcher(text);
        if (m.find() && m.start() > 0) {
            cut = m.start();
        }
        // quoted header section of the original: two header lines in a row
        String[] lines = text.substring(0, cut).split("\n", -1);
        int pos = 0;
        for (int i = 0; i + 1 < lines.length; i++) {
            if (pos > 0 && HEADER_LINE.matcher(lines[i]).matches()
                    && (HEADER_LINE.matcher(lines[i + 1]).matches() || lines[i + 1].startsWith(" ")
                            || lines[i + 1].startsWith("\t"))
                    && (i + 2 >= lines.length || HEADER_LINE.matcher(lines[i + 2]).matches()
                            || lines[i + 2].startsWith(" ") || lines[i + 2].startsWith("\t"))) {
                cut = pos;
                break;
            }
            pos += lines[i].length() + 1;
        }
        return text.substring(0, cut);
    }

    private static String head(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private static final Pattern EMBEDDED_DSN = Pattern.compile("(?im)^(Final|Original)-Recipient[ \\t]*:");

    /** Failed recipients of a plain-text bounce, in the order the report mentions them. */
    static List<RecipientStatus> recipients(InboundMail mail) {
        String text = reportText(mail);
        List<RecipientStatus> fromText = textRecipients(mail, text);
        // RFC 3464 fields inside the text (a multipart/report whose MIME structure was lost)
        String body = mail.textBody().replace("\r\n", "\n").replace('\r', '\n');
        Matcher dsn = EMBEDDED_DSN.matcher(body);
        if (dsn.find()) {
            int start = body.lastIndexOf("\n\n", dsn.start());
            List<RecipientStatus> embedded = MailReports.dsnRecipients(
                    Fields.blocks(body.substring(Math.max(0, start))));
            if (!embedded.isEmpty()) {
                return MailReports.refine(embedded, fromText);
            }
        }
        return fromText;
    }

    static List<RecipientStatus> textRecipients(InboundMail mail, String text) {
        Set<String> own = new java.util.HashSet<>();
        for (MailAddress a : MailReports.addresses(mail)) {
            own.add(a.normalized());
        }
        // 1. where each candidate is first mentioned; the bounce's own addresses and postmaster-like ones only
        //    when there is no other candidate
        Map<String, Integer> first = new LinkedHashMap<>();
        Map<String, Integer> fallback = new LinkedHashMap<>();
        Map<String, String> spelled = new LinkedHashMap<>();
        String failedHeader = mail.header("X-Failed-Recipients");
        if (failedHeader != null) {
            Matcher m = ADDRESS.matcher(failedHeader);
            while (m.find()) {
                String key = m.group().toLowerCase(Locale.ROOT);
                int at = text.toLowerCase(Locale.ROOT).indexOf(key);
                first.putIfAbsent(key, at < 0 ? Integer.MAX_VALUE - 1 : at);
                spelled.putIfAbsent(key, m.group());
            }
        }
        String fromAddress = mail.from() == null ? "" : mail.from().normalized();
        int pos = 0;
        for (String line : text.split("\n", -1)) {
            if (line.length() <= MAX_LINE && !SKIP_LINE.matcher(line).matches()) {
                Matcher m = ADDRESS.matcher(line);
                while (m.find()) {
                    String addr = m.group();
                    while (addr.startsWith(".")) {
                        addr = addr.substring(1);
                    }
                    String key = addr.toLowerCase(Locale.ROOT);
                    String local = key.substring(0, key.indexOf('@'));
                    if (key.equals(fromAddress) || looksLikeMessageId(line, m.start())) {
                        continue;
                    }
                    boolean second = own.contains(key) || NOT_RECIPIENT_LOCAL.contains(local)
                            || DAEMON_LOCAL.matcher(local).matches();
                    if (failedHeader == null || first.containsKey(key)) {
                        (second ? fallback : first).putIfAbsent(key, pos + m.start());
                        spelled.putIfAbsent(key, addr);
                    }
                }
            }
            pos += line.length() + 1;
        }
        if (first.isEmpty()) {
            first = fallback;
        }
        List<Map.Entry<String, Integer>> order = new ArrayList<>(first.entrySet());
        order.sort(Map.Entry.comparingByValue());
        // 2. each recipient's block: from the start of its line to the start of the next recipient's line
        List<RecipientStatus> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            int start = Math.min(order.get(i).getValue(), text.length());
            start = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
            int end = i + 1 < order.size() ? Math.min(order.get(i + 1).getValue(), text.length()) : text.length();
            end = Math.max(start, text.lastIndexOf('\n', Math.max(0, end - 1)) + 1);
            if (end <= start) {
                end = i + 1 < order.size() ? Math.min(order.get(i + 1).getValue(), text.length()) : text.length();
            }
            String block = text.substring(start, Math.max(start, end));
            String status = MailReports.statusCode(block);
            String diagnostic = diagnostic(block);
            if (status == null && order.size() == 1) {
                status = MailReports.statusCode(text);
            }
            if (status == null) {
                status = fromReplyCode(block, null);
            }
            if (status == null && order.size() == 1) {
                status = fromReplyCode(text, null);
            }
            if (status == null && diagnostic == null) {
                // a bare list of recipients followed by one explanation for all
                status = fromReplyCode(text.substring(start), null);
                if (status == null) {
                    status = MailReports.statusCode(text.substring(start));
                }
            }
            if (status == null) {
                status = TEMPORARY.matcher(text).find() ? "4.0.0" : "5.0.0";
            }
            String action = status.startsWith("4") ? "delayed" : "failed";
            out.add(new RecipientStatus(spelled.get(order.get(i).getKey()), action, status, null, diagnostic));
        }
        return out;
    }

    private static final Pattern TEMPORARY = Pattern.compile("(?i)(has been delayed|temporary (failure|error)"
            + "|will (be )?retr(y|ied)|warning message only|not yet been delivered|still trying|delivery delayed"
            + "|do not need to resend)");

    private static boolean looksLikeMessageId(String line, int at) {
        String before = line.substring(0, at).toLowerCase(Locale.ROOT);
        return before.contains("message-id") || before.contains("message id") || before.contains("msgid");
    }

    private static final Pattern REPLY = Pattern.compile("(?<![\\d.:#/-])([45])[0-5]\\d(?=[- ]|$)(?![- ]?\\d{2,})");

    /** "5.0.0" / "4.0.0" from an SMTP reply code in the text, or from the action; or null. */
    static String fromReplyCode(String text, String action) {
        if (text != null) {
            Matcher m = REPLY.matcher(text);
            if (m.find()) {
                return m.group(1) + ".0.0";
            }
        }
        if (action != null) {
            if (action.startsWith("failed")) {
                return "5.0.0";
            }
            if (action.startsWith("delayed")) {
                return "4.0.0";
            }
        }
        return null;
    }

    private static final Pattern DIAGNOSTIC = Pattern.compile(
            "(?m)((?<![\\d.])[45][0-5]\\d[- ].*$|^.*(?<![\\d.])[45]\\.[0-7]\\.\\d{1,3}.*$)");

    private static String diagnostic(String block) {
        Matcher m = DIAGNOSTIC.matcher(block);
        if (!m.find()) {
            return null;
        }
        String d = m.group().replaceAll("\\s+", " ").trim();
        return d.length() > 300 ? d.substring(0, 300) : d;
    }
}
