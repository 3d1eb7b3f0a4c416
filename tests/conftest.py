"""Settings for every test: Hypothesis never fails a test for being slow, because CI shares a
2-core machine with a browser build and the same example can take ten times longer there."""
from hypothesis import settings

settings.register_profile("centre-guide", deadline=None)
settings.load_profile("centre-guide")
