from belofte.domain.privacy import pseudonymous_key


def test_pseudonymous_key_golden() -> None:
    # HMAC-SHA256(key="salt", msg="crm\x1f42"), first 24 hex digits.
    assert pseudonymous_key("salt", "crm", "42") == "c_114ccdf069932e4f093b39d5"


def test_pseudonymous_key_depends_on_salt_source_and_id() -> None:
    keys = {
        pseudonymous_key("salt", "crm", "42"),
        pseudonymous_key("other", "crm", "42"),
        pseudonymous_key("salt", "shop", "42"),
        pseudonymous_key("salt", "crm", "43"),
        pseudonymous_key("salt", "crm4", "2"),
    }
    assert len(keys) == 5
