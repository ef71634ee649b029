#!/bin/bash
# Operating-system hardening run by the harden_os role while Palette builds the cluster image.
# A starting point: adjust it to your organisation's baseline (CIS, STIG…).
set -euo pipefail

# SSH: no root password logins, no empty passwords.
sed -i 's/^#\?PermitRootLogin.*/PermitRootLogin prohibit-password/' /etc/ssh/sshd_config
sed -i 's/^#\?PermitEmptyPasswords.*/PermitEmptyPasswords no/' /etc/ssh/sshd_config

# Kernel: ignore ICMP redirects and source-routed packets, log martians.
cat > /etc/sysctl.d/90-sec-harden.conf <<'SYSCTL'
net.ipv4.conf.all.accept_redirects = 0
net.ipv4.conf.default.accept_redirects = 0
net.ipv4.conf.all.send_redirects = 0
net.ipv4.conf.all.accept_source_route = 0
net.ipv4.conf.all.log_martians = 1
SYSCTL
sysctl --system >/dev/null

# Files: only root reads the shadow files and cron tables.
chmod 0000 /etc/shadow /etc/gshadow
chmod 0600 /etc/crontab

date -u > /var/log/sec_harden.done
