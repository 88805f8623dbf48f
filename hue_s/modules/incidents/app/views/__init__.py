"""The incident screens: home, a report, nearby, followed, assisted filing, the map, feedback."""
