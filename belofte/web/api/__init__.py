"""JSON routers by capability (listen, measure), one module per resource."""
