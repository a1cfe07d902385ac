#!/bin/sh
# 为本文件夹中的程序建立“开始”菜单和桌面快捷方式（只对当前用户）。
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
entry="$apps/gov-info-annual-report.desktop"
sed -e "s|^Exec=.*|Exec=\"$here/GovInfoAnnualReport\"|" -e "s|^Icon=.*|Icon=$here/_internal/resources/icons/app.png|" \
    "$here/政府信息公开年报编制工具.desktop" > "$entry"
chmod +x "$entry"
desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
[ -d "$desktop" ] && cp "$entry" "$desktop/" && chmod +x "$desktop/gov-info-annual-report.desktop"
echo "已建立快捷方式：$entry"
