"""JSON routers, one per resource."""
