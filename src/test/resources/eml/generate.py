#!/usr/bin/env python3
"""Writes the hand-made test mails in this folder, byte for byte.

The .eml files are what the tests read; this script only documents how the 8-bit ones were made
(explicit encodings, explicit line ends). Re-run it from this folder with `python3 generate.py`;
the output is deterministic.
"""
import base64
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))


def b64(s, enc):
    return base64.b64encode(s.encode(enc)).decode('ascii')


def qp_word(s, enc):
    """RFC 2047 Q encoding of s (every non-alphanumeric byte as =XX, space as _)."""
    out = []
    for byte in s.encode(enc):
        c = chr(byte)
        if c == ' ':
            out.append('_')
        elif c.isascii() and c.isalnum():
            out.append(c)
        else:
            out.append('=%02X' % byte)
    return ''.join(out)


def pct(s, enc):
    return ''.join('%%%02X' % b for b in s.encode(enc))


def write(name, parts, eol='\r\n'):
    """parts: list of str (ASCII, lines joined with \n) or bytes (written as is, \n -> eol)."""
    data = bytearray()
    for p in parts:
        if isinstance(p, str):
            p = p.encode('ascii')
        data += p.replace(b'\n', eol.encode('ascii'))
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(bytes(data))


# 1. KOI8-R encoded-word subject and display name, KOI8-R 8bit body ------------------------------------
write('koi8r-encoded-subject.eml', [
    'From: =?KOI8-R?B?%s?= <ivan@example.ru>\n' % b64('Иван Петров', 'koi8-r'),
    'To: support@example.com\n',
    'Subject: =?KOI8-R?B?%s?=\n' % b64('Отчёт о работе принтера', 'koi8-r'),
    'Date: Tue, 14 May 2024 10:15:00 +0300\n',
    'Message-ID: <koi8r-1@example.ru>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: text/plain; charset=koi8-r\n',
    'Content-Transfer-Encoding: 8bit\n',
    '\n',
    'Принтер на третьем этаже снова не печатает.\n'.encode('koi8-r'),
])

# 2. windows-1251 encoded-word subjects, Q and B ------------------------------------------------------
write('cp1251-q-subject.eml', [
    'From: =?windows-1251?Q?%s?= <olga@example.ru>\n' % qp_word('Ольга Смирнова', 'cp1251'),
    'To: support@example.com\n',
    'Subject: =?windows-1251?Q?%s?=\n' % qp_word('Заявка: не работает почта', 'cp1251'),
    'Message-ID: <cp1251-q@example.ru>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: text/plain; charset=windows-1251\n',
    'Content-Transfer-Encoding: quoted-printable\n',
    '\n',
    quopri.encodestring('Почта не открывается с утра.\n'.encode('cp1251')),
])

# the B subject is split over two encoded words on two lines (the folding whitespace must vanish)
write('cp1251-b-subject.eml', [
    'From: buh@example.ru\n',
    'To: support@example.com\n',
    'Subject: =?windows-1251?B?%s?=\n =?windows-1251?B?%s?=\n'
    % (b64('Счёт №42 ', 'cp1251'), b64('на оплату', 'cp1251')),
    'Message-ID: <cp1251-b@example.ru>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: text/plain; charset=us-ascii\n',
    '\n',
    'See the subject.\n',
])

# 3. undeclared 8-bit: windows-1251 body without charset ----------------------------------------------
write('undeclared-cp1251-body.eml', [
    'From: Olga <olga@example.ru>\n',
    'To: support@example.com\n',
    'Subject: printer\n',
    'Message-ID: <undeclared-1251@example.ru>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: text/plain\n',
    'Content-Transfer-Encoding: 8bit\n',
    '\n',
    'Здравствуйте!\nПрошу починить принтер в комнате 305.\nСпасибо, Ольга.\n'.encode('cp1251'),
])

# 4. undeclared 8-bit KOI8-R subject and display name, no Content-Type at all, LF line ends ------------
write('undeclared-koi8r-subject.eml', [
    b'From: ' + 'Иван Петров'.encode('koi8-r') + b' <ivan@example.ru>\n',
    'To: support@example.com\n',
    b'Subject: ' + 'Не печатает принтер'.encode('koi8-r') + b'\n',
    'Message-ID: <undeclared-koi8@example.ru>\n',
    '\n',
    'Hello\n',
], eol='\n')

# 5. UTF-8 Cyrillic: subject split inside a multi-byte character, Q display name, QP body, raw 8-bit Cc --
subject = 'Привет, мир — тестовое письмо'.encode('utf-8')
cut = 7  # inside the 4th Cyrillic letter ('в' = D0 B2): D0 ends word one, B2 starts word two
write('utf8-cyrillic.eml', [
    'From: =?UTF-8?Q?%s?= <petr@example.ru>\n' % qp_word('Пётр Сидоров', 'utf-8'),
    'To: "Support Desk" <support@example.com>\n',
    b'Cc: ' + 'Анна Кузнецова'.encode('utf-8') + b' <anna@example.ru>\n',
    'Subject: =?UTF-8?B?%s?=\n =?UTF-8?B?%s?=\n'
    % (base64.b64encode(subject[:cut]).decode(), base64.b64encode(subject[cut:]).decode()),
    'Date: Wed, 15 May 2024 09:00:00 +0000\n',
    'Message-ID: <utf8-1@example.ru>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: text/plain; charset="UTF-8"\n',
    'Content-Transfer-Encoding: quoted-printable\n',
    '\n',
    quopri.encodestring('Добрый день!\nЭто письмо в UTF-8.\n'.encode('utf-8')),
])

# 6. HTML only --------------------------------------------------------------------------------------
html_only = '''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>ignored title</title>
<style>p { color: red; }</style><script>var x = "ignored script";</script></head>
<body>
<h1>Printer&nbsp;problem</h1>
<p>Hello team,<br>the printer on floor&nbsp;3 is   broken.</p>
<p>Please check:</p>
<ul>
  <li>toner</li>
  <li>paper &amp; tray</li>
</ul>
<p>Details are on <a href="https://wiki.example.com/printers">the wiki</a>, see also
<a href="https://example.com">https://example.com</a>.</p>
<div>Regards,</div><div>Анна</div>
</body></html>
'''
write('html-only.eml', [
    'From: Anna <anna@example.ru>\n',
    'To: support@example.com\n',
    'Subject: HTML only\n',
    'Message-ID: <html-only@example.ru>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: text/html; charset=utf-8\n',
    'Content-Transfer-Encoding: 8bit\n',
    '\n',
    html_only.encode('utf-8'),
])

# 7. multipart/alternative text + html ----------------------------------------------------------------
write('alternative.eml', [
    'From: Bob <bob@example.com>\n',
    'To: support@example.com\n',
    'Subject: Alternative\n',
    'Message-ID: <alt-1@example.com>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: multipart/alternative; boundary="alt-boundary"\n',
    '\n',
    'This is a multi-part message in MIME format.\n',
    '--alt-boundary\n',
    'Content-Type: text/plain; charset=utf-8\n',
    'Content-Transfer-Encoding: 7bit\n',
    '\n',
    'Plain version.\nSecond line.\n',
    '--alt-boundary\n',
    'Content-Type: text/html; charset=utf-8\n',
    'Content-Transfer-Encoding: quoted-printable\n',
    '\n',
    '<html><body><p>HTML version.</p><p>Second =\nparagraph.</p></body></html>\n',
    '--alt-boundary--\n',
])

# 8. attachments ------------------------------------------------------------------------------------
png = base64.b64decode(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==')
pdf = b'%PDF-1.4\n% tiny test file\n'
cont_name = 'Протокол совещания.txt'.encode('cp1251')
attached = ('From: Carol <carol@example.com>\n'
            'To: support@example.com\n'
            'Subject: =?UTF-8?B?%s?=\n'
            'Message-ID: <inner@example.com>\n'
            'Content-Type: text/plain; charset=us-ascii\n'
            '\n'
            'The forwarded text.\n') % b64('Квартальный отчёт', 'utf-8')
write('attachments.eml', [
    'From: Dave <dave@example.com>\n',
    'To: support@example.com\n',
    'Subject: Files\n',
    'Message-ID: <att-1@example.com>\n',
    'MIME-Version: 1.0\n',
    'Content-Type: multipart/mixed; boundary="mixed"\n',
    '\n',
    '--mixed\n',
    'Content-Type: multipart/alternative; boundary="alt"\n',
    '\n',
    '--alt\n',
    'Content-Type: text/plain; charset=us-ascii\n',
    '\n',
    'See attached.\n',
    '--alt\n',
    'Content-Type: multipart/related; boundary="rel"\n',
    '\n',
    '--rel\n',
    'Content-Type: text/html; charset=us-ascii\n',
    '\n',
    '<p>See attached. <img src="cid:logo123@example.com"></p>\n',
    '--rel\n',
    'Content-Type: image/png; name="logo.png"\n',
    'Content-Transfer-Encoding: base64\n',
    'Content-ID: <logo123@example.com>\n',
    'Content-Disposition: inline; filename="logo.png"\n',
    '\n',
    base64.encodebytes(png).decode('ascii'),
    '--rel--\n',
    '\n',
    '--alt--\n',
    '\n',
    '--mixed\n',
    'Content-Type: application/pdf\n',
    'Content-Transfer-Encoding: base64\n',
    "Content-Disposition: attachment; filename*=UTF-8''%s\n" % pct('Отчёт.pdf', 'utf-8'),
    '\n',
    base64.encodebytes(pdf).decode('ascii'),
    '--mixed\n',
    'Content-Type: text/plain; charset=windows-1251\n',
    'Content-Transfer-Encoding: 8bit\n',
    'Content-Disposition: attachment;\n',
    " filename*0*=windows-1251''%s;\n" % ''.join('%%%02X' % b for b in cont_name[:9]),
    ' filename*1*=%s\n' % ''.join('%%%02X' % b for b in cont_name[9:]),
    '\n',
    'Повестка: бюджет.\n'.encode('cp1251'),
    '--mixed\n',
    'Content-Type: message/rfc822\n',
    'Content-Disposition: attachment\n',
    '\n',
    attached,
    '--mixed\n',
    'Content-Type: text/plain; charset=us-ascii; name="notes.txt"\n',
    '\n',
    'second text part with a name\n',
    '--mixed\n',
    'Content-Type: application/octet-stream; name="=?UTF-8?B?%s?="\n' % b64('Смета.xlsx', 'utf-8'),
    'Content-Transfer-Encoding: base64\n',
    '\n',
    'AAECAw==\n',
    '--mixed\n',
    'Content-Type: application/json\n',
    'Content-Disposition: attachment; filename="empty.json"\n',
    '\n',
    '\n',
    '--mixed\n',
    'Content-Type: application/zip\n',
    'Content-Transfer-Encoding: base64\n',
    '\n',
    'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==\n',
    '--mixed--\n',
])

# an attached mail without a subject, and one with a declared file name
write('attached-messages.eml', [
    'From: erin@example.com\n',
    'To: support@example.com\n',
    'Subject: Forwarded mails\n',
    'MIME-Version: 1.0\n',
    'Content-Type: multipart/mixed; boundary=b1\n',
    '\n',
    '--b1\n',
    'Content-Type: text/plain\n',
    '\n',
    'Two mails attached.\n',
    '--b1\n',
    'Content-Type: message/rfc822\n',
    '\n',
    'From: x@example.com\n',
    'To: y@example.com\n',
    '\n',
    'No subject here.\n',
    '--b1\n',
    'Content-Type: message/rfc822; name="original.eml"\n',
    'Content-Transfer-Encoding: base64\n',
    '\n',
    base64.encodebytes(b'From: z@example.com\r\nSubject: Inner\r\n\r\nbody\r\n').decode('ascii'),
    '--b1--\n',
])

# 9. no Message-ID, no Subject, no From ---------------------------------------------------------------
write('no-from-subject-id.eml', [
    'To: support@example.com\n',
    'MIME-Version: 1.0\n',
    '\n',
    'Just a body.\n',
])

# 10. envelope recipients and threading headers -------------------------------------------------------
write('delivery-threading.eml', [
    'Return-Path: <sender@example.org>\n',
    'Delivered-To: Support@Example.com\n',
    'Received: from mx.example.org by mx.example.com; Thu, 16 May 2024 12:00:00 +0000\n',
    'Delivered-To: support@example.com\n',
    'X-Original-To: helpdesk@example.com\n',
    'From: "Sender, Sam" <sender@example.org>\n',
    'To: Team: alice@example.com, "Bob B." <bob@example.com>;, carol@example.com\n',
    'Cc: <broken@@example.com>, dave@example.com (Dave D.), "unterminated <eve@example.com>\n',
    'Reply-To: replies@example.org\n',
    'Subject: Re: [#42] Printer\n',
    'Date: Thu, 16 May 2024 14:00:00 +0200\n',
    'Message-ID:   <reply-3@example.org>  \n',
    'In-Reply-To: Your message of Wed, 15 May 2024 <orig-2@example.com> (sent by support)\n',
    'References: <root-1@example.com>\n',
    '\t<orig-2@example.com>   missing-brackets@example.com\n',
    '\n',
    'Thanks!\n',
])

# 11. bogus charset labels ---------------------------------------------------------------------------
write('bogus-charset.eml', [
    'From: x@example.com\n',
    'To: support@example.com\n',
    'Subject: =?x-no-such-charset?Q?%s?=\n' % qp_word('Тест', 'utf-8'),
    'MIME-Version: 1.0\n',
    'Content-Type: text/plain; charset="x-no-such-charset"\n',
    'Content-Transfer-Encoding: x-unknown-encoding\n',
    '\n',
    'Проверка связи.\n'.encode('utf-8'),
])

# 12. ISO-2022-JP subject ---------------------------------------------------------------------------
write('iso2022jp-subject.eml', [
    'From: taro@example.jp\n',
    'To: support@example.com\n',
    'Subject: =?ISO-2022-JP?B?%s?=\n' % b64('テスト', 'iso-2022-jp'),
    '\n',
    'body\n',
])

# 13. malformed but readable: missing end boundary, part without headers, broken base64 ----------------
write('malformed-lenient.eml', [
    'From: x@example.com\n',
    'To: support@example.com\n',
    'Subject: broken\n',
    'MIME-Version: 1.0\n',
    'Content-Type: multipart/mixed; boundary="outer"\n',
    '\n',
    '--outer\n',
    '\n',
    'Part without headers is text/plain.\n',
    '--outer\n',
    'Content-Type: application/octet-stream; name=data.bin\n',
    'Content-Transfer-Encoding: base64\n',
    '\n',
    'AAEC!!AwQF\n',
    'Bg\n',
])

# multipart without any boundary line
write('missing-boundary.eml', [
    'From: x@example.com\n',
    'Subject: no boundary\n',
    'Content-Type: multipart/mixed; boundary="never-used"\n',
    '\n',
    'Only text, no parts.\n',
])

# 14. parse failures --------------------------------------------------------------------------------
garbage = bytes((i * 37 + 11) % 256 for i in range(2048)).replace(b':', b';')
with open(os.path.join(HERE, 'binary-garbage.eml'), 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + garbage)


def nested(depth):
    out = ['From: x@example.com\n', 'Subject: nested %d\n' % depth, 'MIME-Version: 1.0\n']
    for i in range(depth):
        out.append('Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i))
    out.append('Content-Type: text/plain\n\ndeepest text\n')
    for i in reversed(range(depth)):
        out.append('--b%d--\n' % i)
    return out


write('nested-60.eml', nested(60))
write('nested-50.eml', nested(50))


# 15. mislabelled charsets: other charsets' bytes under a Latin-1 label, and real Latin-1 that must stay -----
def mislabelled(name, label, enc, subject, sender, body, file_name, qp_subject=False):
    subj = ('=?%s?Q?%s?=' % (label, qp_word(subject, enc)) if qp_subject
            else '=?%s?B?%s?=' % (label, b64(subject, enc)))
    write(name, [
        'From: =?%s?Q?%s?= <sender@example.org>\n' % (label, qp_word(sender, enc)),
        'To: support@example.com\n',
        'Subject: %s\n' % subj,
        'Message-ID: <%s@example.org>\n' % name,
        'MIME-Version: 1.0\n',
        'Content-Type: multipart/mixed; boundary="m"\n',
        '\n',
        '--m\n',
        'Content-Type: text/plain; charset=%s\n' % label,
        'Content-Transfer-Encoding: 8bit\n',
        '\n',
        body.encode(enc),
        '--m\n',
        'Content-Type: application/pdf\n',
        'Content-Transfer-Encoding: base64\n',
        "Content-Disposition: attachment; filename*=%s''%s\n" % (label, pct(file_name, enc)),
        '\n',
        base64.encodebytes(pdf).decode('ascii'),
        '--m--\n',
    ])


mislabelled('mislabel-cp1251-as-latin1.eml', 'iso-8859-1', 'cp1251', 'Счёт на оплату', 'Ольга Смирнова',
            'Добрый день!\nПрошу оплатить счёт до пятницы.\nС уважением, Ольга.\n', 'Договор.pdf')
mislabelled('mislabel-koi8r-as-cp1252.eml', 'windows-1252', 'koi8-r', 'Не работает принтер', 'Иван Петров',
            'Здравствуйте!\nПринтер на третьем этаже снова не печатает.\n', 'Отчёт.pdf', qp_subject=True)
mislabelled('mislabel-utf8-as-latin1.eml', 'iso-8859-1', 'utf-8', 'Grüße – Привет', 'Jürgen Müller',
            'Schöne Grüße aus Köln — и привет из Москвы.\n', 'Übersicht.pdf')
# genuine Latin-1: short subjects and names, which must not be re-read as something else
mislabelled('latin1-de.eml', 'iso-8859-1', 'latin-1', 'Grüße aus Köln', 'Jürgen Müller',
            'Sehr geehrte Damen und Herren,\nbitte prüfen Sie die Änderungen für März.\nMit freundlichen Grüßen\n',
            'Änderungen.pdf', qp_subject=True)
mislabelled('latin1-fr.eml', 'iso-8859-1', 'latin-1', 'Réunion à 14h', 'François Lefèvre',
            'Bonjour,\nla réunion de l\'équipe a lieu à 14h. Où êtes-vous ?\nÀ bientôt\n', 'Procès-verbal.pdf')
mislabelled('latin1-es.eml', 'windows-1252', 'cp1252', '¿Qué tal? Año nuevo', 'Begoña Núñez',
            'Hola:\nmañana envío la información del año pasado.\n¡Gracias!\n', 'Facturación.pdf', qp_subject=True)
mislabelled('latin1-pt.eml', 'iso-8859-1', 'latin-1', 'Ação não concluída', 'João Conceição',
            'Olá,\na operação não foi concluída. Atenção à sua conta.\nObrigado\n', 'Relatório.pdf')
mislabelled('latin1-sv.eml', 'iso-8859-1', 'latin-1', 'ÅÄÖ', 'Åsa Öberg',
            'Hej!\nMöte på måndag i Göteborg. Hälsningar från Åke.\n', 'Protokoll_möte.pdf', qp_subject=True)

# 16. bounce sender with an empty address ------------------------------------------------------------
write('mailer-daemon-from.eml', [
    'From: MAILER-DAEMON <>\n',
    'To: support@example.com\n',
    'Subject: Undelivered Mail Returned to Sender\n',
    'Message-ID: <bounce-1@mx.example.org>\n',
    '\n',
    'This is the mail system at host mx.example.org.\n',
])
