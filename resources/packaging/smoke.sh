#!/usr/bin/env bash
# Runs the built executable as a user would: the window's self-test offscreen, then the command line, on files
# and on a shared PostgreSQL database.
set -euo pipefail
dir=${1:-dist/GovInfoAnnualReport}
exe="$dir/GovInfoAnnualReport"
[ -x "$exe" ] || exe="$dir/GovInfoAnnualReport-cli.exe"
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOV_REPORT_DATA_DIR="$work/数据 目录"
# As on a UOS/Kylin desktop whose input method is Fcitx (gui/input_method.py then picks Qt's IBus plugin).
# It also prints the report to a PDF file, as 打印 would (pdfium and Qt's print support, frozen).
# And that 记住密码's keyring came along with its backends.
QT_IM_MODULE=fcitx XMODIFIERS=@im=fcitx QT_QPA_PLATFORM=offscreen GOV_REPORT_SMOKE_PRINT="$work/打印.pdf" \
  GOV_REPORT_SMOKE_KEYRING=1 "$exe" --smoke-test --db "$work/smoke.sqlite"
head -c 5 "$work/打印.pdf" | grep -q '%PDF-' || { echo "打包程序没有打印出页面"; exit 1; }
# The command line's grammar is a data file (resources/cli): help, in Chinese, needs it bundled.
[[ $("$exe" --help) == "用法：$(basename "$exe") "*"检查报告"* ]] || { echo "打包程序的帮助不完整"; exit 1; }
[[ $("$exe" export --help) == *".docx Word 文档"* ]] || { echo "打包程序的 export 帮助没有列出输出类型"; exit 1; }
"$exe" check "$root/tests/fixtures/seed_2020_xigong.json"
for kind in json pdf docx html xlsx; do
  out="$work/导出 结果.$kind"
  "$exe" export "$root/tests/fixtures/seed_2020_xigong.json" --to "$out"
  [ -s "$out" ] || { echo "打包程序没有写出 $out"; exit 1; }
done
# The reviewer's papers: the 审查单, and the 图解 in each of its kinds (ReportLab's charts, fontTools, pdfium).
"$exe" signoff "$root/tests/fixtures/seed_2020_xigong.json" --to "$work/审查单.pdf"
for kind in pdf svg png; do
  "$exe" chart "$root/tests/fixtures/seed_2020_xigong.json" --to "$work/图解.$kind"
  [ -s "$work/图解.$kind" ] || { echo "打包程序没有写出图解.$kind"; exit 1; }
done
grep -q "@font-face" "$work/图解.svg" || { echo "打包程序写出的图解.svg 没有嵌入字形"; exit 1; }
"$exe" import "$root/tests/importer/fixtures/seed_2020.pdf" --to "$work/导入.json" || [ "$?" = 1 ]  # 1: imported with notes
"$exe" check "$work/导入.json"
# Every reader of published reports, frozen: the Word file and the web page just exported come back.
for kind in docx html; do
  "$exe" import "$work/导出 结果.$kind" --to "$work/读回.$kind.json"
  "$exe" check "$work/读回.$kind.json"
done
# compare: our own PDF and Word file carry their data (a PDF attachment, a custom XML part), read back exactly;
# then the web page against the same report stored in a database.
for kind in pdf docx; do
  [[ $("$exe" compare "$work/导出 结果.$kind" "$work/导出 结果.json") == *"两份报告相同" ]] \
    || { echo "打包程序的 compare 认为导出的 .$kind 与交换文件不同"; exit 1; }
done
"$exe" db import "$work/导出 结果.json" --db "$work/核对.sqlite"
"$exe" compare "$work/导出 结果.html" --db "$work/核对.sqlite" --agency 西工区退役军人事务局 --year 2020 \
  || { echo "打包程序的 compare 认为网页与数据库中的报告不同"; exit 1; }
# The shared database: a throw-away PostgreSQL cluster, reached through the package's own driver. The cluster is
# started by the development environment's Python (tests/server/cluster.py); REQUIRE_POSTGRES makes its absence
# a failure, as for the tests.
"${SMOKE_PYTHON:-$root/.venv/bin/python}" "$root/resources/packaging/smoke_server.py" "$exe"
echo "打包程序自检通过：$exe"
