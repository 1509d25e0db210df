"""prikaz: the orders of Russian regional bodies that approve the Порядок ведения перечня
точек взаимодействия, from TOML configs and one shared template."""

# The one place of the version (pyproject.toml reads it from here): reading it back from the
# installed package's metadata cost every command 35–55 ms of importing importlib.metadata.
__version__ = "0.1.0"
