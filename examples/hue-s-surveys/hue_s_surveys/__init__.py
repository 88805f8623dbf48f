"""Surveys and ideas of Huế: a Hue-S module shipped as its own distribution."""
