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
