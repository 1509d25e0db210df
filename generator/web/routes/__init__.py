"""The workspace's routes, one module per area; each module has its list ``ROUTES``."""
