import pytest

from geobrief.errors import SettingsError
from geobrief.settings import Settings, load_settings


def test_layers_defaults_file_env_flags(tmp_path):
    config = tmp_path / "geobrief.toml"
    config.write_text('db = "from-file.db"\ntop_stories = 5\nreaders = ["JP", "IN"]\n')
    env = {"GEOBRIEF_TOP_STORIES": "7"}
    settings = load_settings(config=str(config), env=env)
    assert settings.db == "from-file.db"
    assert settings.top_stories == 7  # env beats file
    assert settings.readers == ("JP", "IN")
    settings = load_settings(config=str(config), env=env, db="flag.db")
    assert settings.db == "flag.db"  # flags beat everything


def test_env_db_and_readers():
    settings = load_settings(env={"GEOBRIEF_DB": "x.db", "GEOBRIEF_READERS": "au, kr"})
    assert settings.db == "x.db"
    assert settings.readers == ("AU", "KR")


def test_defaults():
    assert load_settings(env={}) == Settings()


def test_bad_values_are_named():
    with pytest.raises(SettingsError, match="top_stories"):
        load_settings(env={"GEOBRIEF_TOP_STORIES": "many"})
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings().with_overrides(colour="red")


@pytest.mark.parametrize(("name", "value", "rule"), [
    ("max_bytes", "-1", "greater than 0"),
    ("timeout", "0", "greater than 0"),
    ("story_threshold", "1.5", "less than or equal to 1"),
    ("thread_window_days", "1e9", "less than or equal to 3660"),
    ("duplicate_threshold", "nan", "finite"),
    ("feed_pause_after", "0", "greater than or equal to 1"),
    ("earliest_published", "2999-01-01", "in the past"),
    ("user_agent", "geobrief\r\nX-Injected: 1", "pattern"),
])
def test_out_of_range_values_are_coded_errors_naming_the_setting(tmp_path, name, value, rule):
    for load in (lambda: load_settings(env={f"GEOBRIEF_{name.upper()}": value}),
                 lambda: Settings().with_overrides(**{name: value})):
        with pytest.raises(SettingsError) as caught:
            load()
        assert caught.value.code.value == "GB501"
        assert name in str(caught.value) and rule in str(caught.value)
    config = tmp_path / "geobrief.toml"
    config.write_text(f'{name} = "{value}"\n'.replace("\r\n", "\\r\\n"), encoding="utf-8")
    with pytest.raises(SettingsError, match=name):
        load_settings(config=str(config), env={})
