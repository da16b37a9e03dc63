"""Analytics: Ibis expressions that aggregate in the engine and return moment tables.

Nothing here finishes a statistic (that is `belofte.stats`) or touches the store
(the services feed the lake from it).
"""
