"""prikaz: the orders of Russian regional bodies that approve the Порядок ведения перечня
точек взаимодействия, from TOML configs and one shared template."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("prikaz")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
