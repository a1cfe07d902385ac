"""The program's name and version, as shown to users and stamped into the files it writes."""

APP_NAME = "政府信息公开年报编制工具"
VERSION = "0.1.0"
GENERATOR = f"{APP_NAME} {VERSION}"
