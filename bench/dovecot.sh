#!/usr/bin/env bash
# A throw-away Dovecot IMAP server on 127.0.0.1:10143 for the intake benchmark, so Mailtask is measured
# against a real IMAP server (the test server, GreenMail, slows down with mailbox size).
# Usage: bench/dovecot.sh start | stop        (needs root: installs dovecot-imapd with apt if missing)
set -euo pipefail
dir=/tmp/mailtask-bench-dovecot
case "${1:-start}" in
  start)
    command -v dovecot >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-imapd; }
    id vmail >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin vmail
    rm -rf "$dir" && mkdir -p "$dir"/{run,mail,etc}
    cat > "$dir/etc/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u
first_valid_uid = 100
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/etc/passwd
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$dir/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = 10143
  }
}
service anvil {
  chroot =
}
CONF
    echo "inbox@test.mailtask:{PLAIN}bench-password" > "$dir/etc/passwd"
    chown -R vmail:vmail "$dir/mail"
    dovecot -c "$dir/etc/dovecot.conf"
    echo "dovecot listening on 127.0.0.1:10143 (user inbox@test.mailtask, password bench-password)"
    ;;
  stop)
    [ -f "$dir/etc/dovecot.conf" ] && dovecot -c "$dir/etc/dovecot.conf" stop || true
    ;;
esac
