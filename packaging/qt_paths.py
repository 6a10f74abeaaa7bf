# Runtime hook of the standalone build, run before Desk's code. It stands in for PyInstaller's
# PySide6 hook, which imports QtCore at start-up and so makes every `desk ask` load Qt. PySide6's
# wheels carry their own qt.conf; Qt needs only to be told where the plugins are.
import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6")
if not sys.platform.startswith("win"):
    _qt = os.path.join(_qt, "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
