"""Entry point: the window with no command, else the command line of ../shared/spec/contract.md.

Exit status: 0 success, 1 the check found errors, 2 the input could not be used. No traceback ever reaches
the user: an unexpected error prints one Chinese line and goes, with its details, into the log file.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from pathlib import Path

from report.errors import UserFacingError as UserError  # said in Chinese, one line per problem: exit status 2
from storage.log_file import LogFile, start_logging

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

# The grammar is data (resources/cli/commands.json): commands, arguments, help texts and argparse's phrases.
_GRAMMAR = ("cli", "commands.json")
_TYPES = {"int": int}
_NOT_KEYWORDS = {"name", "help_list", "#"}


class _Parser(argparse.ArgumentParser):
    def format_help(self) -> str:
        for action in self._actions:
            if listed := getattr(action, "help_list", None):  # its module is imported only when help is shown
                items = getattr(importlib.import_module(listed["module"]), listed["items"])
                action.help = f"{action.help}：" + listed["join"].join(map(listed["each"].format, items))
                action.help_list = None
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    from export.resources import resources_dir
    from report import title as report_title

    path = resources_dir().joinpath(*_GRAMMAR)
    try:
        grammar = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:  # a damaged installation: say which file, not a fault of ours
        raise UserError(f"程序文件缺失或已损坏：{path}；请重新安装本程序") from e
    phrases = grammar["argparse"]
    argparse._ = lambda s: phrases.get(s, s)  # type: ignore[attr-defined]  # argparse's gettext, in Chinese
    program = grammar["program"]
    # Usage names what the user typed: the packaged program by its own name, else main.py (not sys.argv[0]: a test's).
    prog = Path(sys.executable).name if getattr(sys, "frozen", False) else program["prog"]
    parser = _Parser(prog=prog, description=program["description"].format(report_name=report_title.NAME))
    _add_grammar(parser, program, grammar["shared"])
    return parser


def _add_grammar(parser: argparse.ArgumentParser, spec: dict, shared: dict) -> None:
    """A parser's arguments, then its commands, each a parser of its own."""
    _add_arguments(parser, spec.get("arguments", []), shared)
    if commands := spec.get("commands"):
        subparsers = parser.add_subparsers(dest=commands["dest"], metavar=commands["metavar"],
                                           required=commands.get("required", False))
        for command in commands["list"]:
            sub = subparsers.add_parser(command["name"], help=command["help"], description=command["description"])
            _add_grammar(sub, command, shared)


def _add_arguments(target, specs: list[dict], shared: dict) -> None:
    for spec in specs:
        if "use" in spec:  # a set of arguments several commands take alike
            _add_arguments(target, shared[spec["use"]], shared)
        elif "one_of" in spec:
            _add_arguments(target.add_mutually_exclusive_group(required=spec["required"]), spec["one_of"], shared)
        else:
            keywords = {k: _value(k, v) for k, v in spec.items() if k not in _NOT_KEYWORDS}
            target.add_argument(spec["name"], **keywords).help_list = spec.get("help_list")


def _value(keyword: str, value):
    if keyword == "type":
        return _TYPES[value]
    # argparse knows its SUPPRESS by identity, not by its text (as the grammar spells it).
    return argparse.SUPPRESS if value == argparse.SUPPRESS else value


def _failed(error: Exception, log: LogFile) -> int:
    """The one place where an error becomes what the user reads, and the exit status."""
    if isinstance(error, UserError):  # raised by a command, or by one of our packages (each has its subclass)
        lines = error.lines
    else:  # a fault of ours: the details go into the log, never a traceback to the user
        logging.getLogger("main").error("unexpected error", exc_info=error)
        where = f"详细信息已写入日志文件 {log.path()}" if log.path() else "无法写入日志文件"
        lines = [f"程序内部出错，操作未完成。{where}"]
    for line in lines:
        print(f"错误：{line}", file=sys.stderr)
    return EXIT_UNUSABLE


def _load(path: str):
    from report import exchange

    try:
        return exchange.read(path)
    except exchange.ExchangeError as e:
        raise e.concerning(path) from None


def _check_agency_and_year(args) -> None:
    """--agency (trimmed as it will be stored) and --year, where given; the problems of both at once."""
    from report.model import agency_and_year_problems

    if (agency := getattr(args, "agency", None)) is not None:
        args.agency = agency = agency.strip()
    if problems := agency_and_year_problems(agency, args.year, agency_name="--agency 机关名称", year_name="--year 年度"):
        raise UserError(*problems)


# A command that writes waits this long for another command (or a window) holding the database to finish.
DB_WAIT_S = 10.0


def _open_db(args, *, read_only: bool):
    from storage.db_choice import open_repository
    from storage.terminal_password import ask_password

    return open_repository(args.db, read_only=read_only, wait=DB_WAIT_S, ask_password=ask_password)


def _report_and_previous(args):
    """The report named by REPORT.json or by --agency/--year in the database, and last year's if known."""
    if args.report and (args.agency is not None or args.year is not None):
        raise UserError("请只用一种方式指定报告：报告.json，或 --agency 和 --year")
    if args.report:
        report, stored = _load(args.report), None
    elif args.agency is None or args.year is None:
        raise UserError("缺少必需的参数：报告.json（或用 --agency 机关名称 --year 年度 指定数据库中的报告）")
    else:
        from storage.year_reports import report_and_previous

        with _open_db(args, read_only=True) as repo:
            report, stored = report_and_previous(repo, args.agency, args.year)
    return report, (_load(args.previous) if getattr(args, "previous", None) else stored)


def cmd_check(args) -> int:
    from report.quality import review

    report, previous = _report_and_previous(args)
    findings = review(report, previous)  # the format's checks, then the quality warnings
    errors = sum(f.is_error for f in findings)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(*(f"{'错误' if f.is_error else '警告'} [{f.rule}] {f.message}{f.where(report.format)}" for f in findings),
              f"共 {errors} 个错误、{len(findings) - errors} 个警告。" if findings else "未发现问题。", sep="\n")
    return EXIT_FINDINGS if errors else EXIT_OK


def _warn(findings) -> None:
    for f in findings:
        print(f"警告 [{f.rule}] {f.message}", file=sys.stderr)


def _done(*lines: str) -> int:
    """What a command did, once it succeeded."""
    print(*lines, sep="\n")
    return EXIT_OK


def cmd_export(args) -> int:
    """Exports anyway, after printing the report's errors (documents only) and the writer's findings as warnings."""
    from export import kinds
    from report.checks import check

    kind = kinds.for_path(args.to)
    if kind is None:
        raise UserError(kinds.unknown_message(args.to))
    report, _ = _report_and_previous(args)
    if kind.document:
        _warn(check(report))
    _warn(kinds.write(report, args.to, kind))  # the PDF: the automatic font choice; e.g. a character it lacks
    return _done(f"已导出 {args.to}")


def _output(path: str, suffixes=(), kinds: str = "", inputs=(), which_input: str = "") -> None:
    """Refuses an output file of another kind than the command writes, or one of its inputs (it would be lost)."""
    if suffixes and Path(path).suffix.lower() not in suffixes:
        raise UserError(f"{kinds}，现为 {path}")
    if any(Path(path).resolve() == Path(p).resolve() for p in inputs):
        raise UserError(f"输出文件 {path} {which_input}，写入会覆盖它；请另选输出文件")


def cmd_aggregate(args) -> int:
    from export import exchange_file
    from report.aggregate import aggregate

    _output(args.to, (".json",), "汇总结果只能写成交换文件（.json）", args.reports, "是要汇总的报告之一")
    if args.reports and (args.year is not None or args.include):
        raise UserError("请只用一种方式指定要汇总的报告：报告.json，或 --year（及 --include）指定数据库中的报告")
    if args.include and args.year is None:
        raise UserError("--include 须与 --year 一起使用")
    if args.reports:
        reports = [_load(path) for path in args.reports]
    elif args.year is not None:
        from storage.year_reports import reports_to_aggregate

        with _open_db(args, read_only=True) as repo:
            reports = reports_to_aggregate(repo, args.year, args.agency, args.include)
    else:
        raise UserError("缺少要汇总的报告：报告.json（或用 --year 年度 汇总数据库中该年度的报告）")
    result = aggregate(reports, args.agency.strip())
    names = args.reports or ["数据库中的报告"] * len(reports)
    for path, included in zip(names, result.included, strict=True):
        if included.errors:
            print(f"警告：{path}（{included.agency}）有 {len(included.errors)} 个错误，已按所填数字计入汇总；"
                  f"可用 check 命令查看", file=sys.stderr)
    exchange_file.write(result.report, args.to)
    return _done(f"已汇总 {len(reports)} 份 {result.report.year} 年度报告，写入 {args.to}")


def cmd_review(args) -> int:
    from export import review_book
    from importer.inputs import read_all
    from report.batch import review_all, tally

    _output(args.to, review_book.KINDS, "审核结果只能写成 .xlsx 或 .html 文件")
    if not args.inputs and args.year is None:
        raise UserError("缺少要审核的报告：请给出报告文件或文件夹，或用 --db 和 --year 指定数据库中某一年度的报告")
    if args.year is not None and not args.db:
        raise UserError("--year 须与 --db 一起使用，指定要审核的数据库")
    _output(args.to, inputs=args.inputs, which_input="是要审核的文件之一")
    entries = read_all(args.inputs, output=args.to)
    if args.db:
        from storage.review_inputs import database_entries

        with _open_db(args, read_only=True) as repo:
            entries += database_entries(repo, args.year, entries)
    if not entries:
        raise UserError("没有找到要审核的报告")
    results = review_all(entries)
    review_book.write(results, args.to)
    done = tally(results)
    print(f"{done}，结果写入 {args.to}")
    return EXIT_FINDINGS if done.errors or done.unread else EXIT_OK


def cmd_signoff(args) -> int:
    from export import review_sheet

    _output(args.to, (review_sheet.SUFFIX,), f"审查单只能写成 PDF 文件（{review_sheet.SUFFIX}）")
    report, previous = _report_and_previous(args)
    _warn(review_sheet.write(report, args.to, previous))
    return _done(f"已生成「{report.agency}」{report.year} 年度报告的审查单"
                 + ("（已与上年报告比较）" if previous is not None else "（没有上年报告，未与上年比较）") + f"：{args.to}")


def cmd_chart(args) -> int:
    from export import chart

    _output(args.to, chart.SUFFIXES, f"图解只能写成 {'、'.join(chart.SUFFIXES)} 文件")
    report, _ = _report_and_previous(args)
    history: list = []
    if getattr(args, "db", None):  # the agency's stored reports of the years before
        from storage.review_inputs import earlier_reports

        with _open_db(args, read_only=True) as repo:
            history = earlier_reports(repo, report.agency, report.year, chart.HISTORY_YEARS - 1)
    _warn(chart.write(report, args.to, history))
    years = sorted({r.year for r in history} | {report.year})[-chart.HISTORY_YEARS:]
    return _done(f"已生成「{report.agency}」{report.year} 年度报告的图解"
                 + (f"（含 {years[0]}–{years[-1]} 年的情况）" if len(years) > 1 else "") + f"：{args.to}")


def cmd_compare(args) -> int:
    from importer.inputs import read
    from report.compare import differences

    stored = args.agency is not None or args.year is not None
    if stored and args.right:
        raise UserError("请只用一种方式指定乙：文件，或 --agency 和 --year 指定的数据库中的报告")
    if not stored and not args.right:
        raise UserError("缺少乙：另一份报告文件，或用 --agency 机关名称 --year 年度 指定数据库中的报告")
    if stored:
        _check_agency_and_year(args)
        if args.agency is None or args.year is None:
            raise UserError("指定数据库中的报告须同时给出 --agency 机关名称 和 --year 年度")
        from storage.year_reports import report_and_previous

        with _open_db(args, read_only=True) as repo:
            right = report_and_previous(repo, args.agency, args.year)[0]
            names = [args.left, f"数据库 {repo.path} 中「{right.agency}」{right.year} 年度报告"]
        entries = [read(Path(args.left), title_from=right)]
    else:
        names = [args.left, args.right]
        entries = [read(Path(name)) for name in names]
        # A document without its title (a copy of the body alone) takes it from the other report.
        for i, other in ((0, 1), (1, 0)):
            if entries[i].report is None and entries[other].report is not None:
                entries[i] = read(Path(names[i]), title_from=entries[other].report)
    if problems := [f"{e.source}：{e.problem}" for e in entries if e.report is None]:
        raise UserError(*problems)
    reports = [e.report for e in entries] + ([right] if stored else [])
    found = differences(*reports)
    for letter, name, entry in zip("甲乙", names, [*entries, None][:2], strict=True):
        taken = "、".join({"agency": "机关名称", "year": "年度"}[m] for m in entry.completed) if entry else ""
        taken = f"（文件中没有标题，{taken}取自另一份报告）" if taken else ""
        if not args.json:
            print(f"{letter}：{name}{taken}")
        elif taken:
            print(f"注意：{letter} {name}{taken}", file=sys.stderr)
    if args.json:
        print(json.dumps([{"kind": d.kind, "id": d.key, "where": d.where, "left": d.left, "right": d.right}
                          for d in found], ensure_ascii=False, indent=2))
    else:
        for d in found:
            print(d.message("甲", "乙"))
        print(f"共 {len(found)} 处不同" if found else "两份报告相同")
    return EXIT_FINDINGS if found else EXIT_OK


def cmd_import(args) -> int:
    from export import exchange_file
    from importer import ERROR, UnusableInput, import_file

    _output(args.to, (".json",), "导入结果只能写成交换文件（.json）", [args.published], "就是要导入的文件")
    _check_agency_and_year(args)
    try:
        result = import_file(args.published, agency=args.agency, year=args.year)
    except UnusableInput as e:
        raise e.concerning(args.published) from None
    for note in result.notes:
        print(note, file=sys.stderr if note.level == ERROR else sys.stdout)
    if result.missing:
        options = "、".join({"agency": "--agency 机关名称", "year": "--year 年度"}[m] for m in result.missing)
        print(f"文件中没有报告标题：请用 {options} 指定后重新导入", file=sys.stderr)
    if result.report is None:
        raise UserError(f"{args.published} 未能导入：有 {len(result.errors)} 处数字或表格无法确定位置（见上）；未写出任何文件")
    exchange_file.write(result.report, args.to)
    print(f"已导入「{result.report.agency}」{result.report.year} 年度报告（{result.format_reason}），写入 {args.to}")
    if wrong := result.published_errors:
        print(f"注意：发布的报告本身有 {len(wrong)} 处错误（如合计不等于各项之和），已按原样导入；可用 check 命令查看")
    return EXIT_OK if not result.warnings else EXIT_FINDINGS


def cmd_db(args) -> int:
    if args.db_command == "import":
        with _open_db(args, read_only=False) as repo:
            notes: list[str] = []
            info = repo.info(repo.import_exchange(args.report, replace=args.replace, notes=notes))
            return _done(*(f"注意：{note}" for note in notes), f"已导入「{info.agency}」{info.year} 年的报告到 {repo.path}")
    from storage.db_choice import list_reports, server_url
    from storage.terminal_password import ask_password

    if args.db_command == "init":
        from storage.server import init_database, shown

        notes: list[str] = []
        outcome = init_database(server_url(args.db), ask_password, notes)
        return _done(*(f"注意：{note}" for note in notes),
                     {"created": "已建立共享数据库", "upgraded": "已升级共享数据库", "current": "共享数据库已是最新"}[outcome]
                     + f" {shown(args.db)}（表、角色和访问控制）")
    if args.db_command == "user":
        from storage.server import shown
        from storage.server_logins import add_login_to
        from storage.terminal_password import new_password

        url = server_url(args.db)
        added = add_login_to(url, args.login, lambda: new_password(args.login, from_stdin=args.password_stdin),
                             args.agency or [], reviewer=args.reviewer, ask_password=ask_password)
        what = "审核人（可读取全部报告）" if args.reviewer else f"可填报：{'、'.join(a.strip() for a in args.agency)}"
        return _done(*(f"注意：数据库中原来没有机关「{name}」，已添加" for name in added),
                     f"登录名「{args.login}」已就绪，{what}；共享数据库 {shown(url)}")
    path, reports = list_reports(args.db, ask_password)
    print(f"数据库 {path}：共 {len(reports)} 份报告")
    # One write, and isoformat rather than strftime: a large database lists ten thousand lines.
    sys.stdout.write("".join(f"{r.agency}\t{r.year} 年\t{r.format_id} 年版格式\t{r.status}\t"
                             f"最后修改 {r.updated_at.isoformat(' ', 'minutes')}\n" for r in reports))
    return EXIT_OK


def cmd_ledger(args) -> int:
    _check_agency_and_year(args)
    if args.ledger_command == "export":
        from export.ledger_sheet import write as write_ledger

        with _open_db(args, read_only=True) as repo:
            applications = repo.applications(args.agency)
        write_ledger(args.out, args.year, applications, names=args.with_names)
        names = "，含申请人姓名（个人信息，请妥善保管，不要公开）" if args.with_names else "，不含申请人姓名"
        return _done(f"已导出「{args.agency.strip()}」的台账 {len(applications)} 件申请{names}：{args.out}")
    if args.ledger_command == "template":
        from export.ledger_template import write

        write(args.out, args.year)
        return _done(f"已生成{args.year} 年的空白台账：{args.out}")
    from importer.ledger_sheet import read

    sheet = read(args.sheet)
    if refusal := sheet.refusal(args.sheet):
        raise UserError(*refusal)
    with _open_db(args, read_only=False) as repo:
        report_id, derived, replaced = repo.import_ledger(args.agency, args.year, sheet.applications,
                                                          source=Path(args.sheet).name)
        info = repo.info(report_id)
    added = len(sheet.applications) - replaced
    ignored = [f"注意：以下列不属于台账，未读取：{'、'.join(sheet.ignored_columns)}"] if sheet.ignored_columns else []
    return _done(f"已从「{sheet.sheet}」读入 {len(sheet.applications)} 件申请（新增 {added} 件，替换编号相同的 {replaced} 件），"
                 f"存入数据库 {repo.path} 中「{info.agency}」的台账",
                 f"已生成{info.year} 年报告的表三：{derived.flow()}", *derived.notes(), *ignored)


def run_window(args) -> int:
    # No SQLAlchemy here: the window shows the newest report read with sqlite3 alone and loads it beside
    # (storage.starting).
    # A server's URL (--db postgresql://…) connects before the window shows, asking for a password in a dialog.
    from gui.app import run

    return run(db=args.db, smoke_test=args.smoke_test)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a console that cannot show a character must not crash us
    log = start_logging()
    try:
        args = build_parser().parse_args(argv)
        # Each command of the grammar (resources/cli/commands.json) is run by this module's cmd_<its name>.
        return globals()[f"cmd_{args.command}"](args) if args.command else run_window(args)
    except SystemExit as e:  # argparse: --help (0) or a usage error (already printed)
        return e.code if isinstance(e.code, int) else EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as e:
        return _failed(e, log)


if __name__ == "__main__":
    sys.exit(main())
