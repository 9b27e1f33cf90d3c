"""``python -m perfaudit`` and the ``perfaudit`` command: the first reading worker starts before the
command line library is even imported (perfaudit.launch), then the command runs."""

import sys


def main() -> None:
    from .launch import start_reading

    start_reading(sys.argv[1:])
    from .cli import main as run

    run()


if __name__ == "__main__":
    main()
