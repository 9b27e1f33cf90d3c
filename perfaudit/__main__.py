"""``python -m perfaudit`` and the ``perfaudit`` command: the first reading worker starts before the
command line library is even imported (perfaudit.launch), then the command runs, and the process
ends without tearing down every module (perfaudit.launch.leave)."""

import sys


def main() -> None:
    from .launch import leave, start_reading

    start_reading(sys.argv[1:])
    from .cli import main as run

    try:
        run()
    except SystemExit as done:
        leave(done.code)
    leave(0)


if __name__ == "__main__":
    main()
