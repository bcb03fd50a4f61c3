"""The deep-link workaround (kemitraan/app/navigation.py) leans on one Streamlit internal: fail loudly when it moves."""

import inspect

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner


def test_streamlit_still_has_the_pages_directory_flag():
    assert hasattr(PagesManager, "uses_pages_directory"), (
        "Streamlit dropped PagesManager.uses_pages_directory: check whether deep links on a fresh server still "
        "get app.py's navigation, and replace kemitraan/app/navigation.py with the supported way"
    )


def test_the_script_runner_still_switches_on_that_flag():
    # If the runner no longer reads the flag, flipping it does nothing and the workaround is dead code.
    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner)
