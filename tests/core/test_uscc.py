from jixiao.core.uscc import check_character, is_valid_uscc, normalize_uscc, uscc_problem

# The example printed in GB 32100-2015.
STANDARD_EXAMPLE = "91350100M000100Y43"


def test_it_accepts_the_example_of_the_standard():
    assert is_valid_uscc(STANDARD_EXAMPLE)
    assert check_character(STANDARD_EXAMPLE[:17]) == "3"


def test_it_names_the_expected_check_character_when_one_is_wrong():
    problem = uscc_problem("91350100M000100Y44")
    assert problem is not None
    assert "应为 3" in problem


def test_it_writes_31_as_zero():
    # Find a 17-character prefix whose weighted sum is divisible by 31: its check character is "0".
    for last in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        prefix = "9144010600000000" + last
        if check_character(prefix) == "0":
            assert is_valid_uscc(prefix + "0")
            return
    raise AssertionError("no prefix with check character 0 among 31 candidates")


def test_it_refuses_letters_the_alphabet_leaves_out():
    problem = uscc_problem("91350100M000100I43")
    assert problem is not None and "不允许的字符:I(" in problem


def test_it_refuses_a_wrong_length():
    assert uscc_problem("9135010") == "统一社会信用代码应为18位,实际为7位"


def test_it_reads_full_width_and_lower_case_input():
    assert normalize_uscc(" ９１３５０１００ｍ０００１００ｙ４３ ") == STANDARD_EXAMPLE
    assert is_valid_uscc("91350100m000100y43")


def test_it_requires_digits_for_the_region_code():
    assert uscc_problem("91AB0100M000100Y43") is not None


def test_it_says_exactly_which_part_is_wrong():
    assert uscc_problem("9135010") == "统一社会信用代码应为18位,实际为7位"
    assert uscc_problem("91350100M000100IO3") == "统一社会信用代码含有不允许的字符:IO(不使用 I、O、Z、S、V)"
    assert uscc_problem("913A0100M000100Y43") == "统一社会信用代码第3至8位应为行政区划码(6位数字)"
    assert uscc_problem("91A50100M000100Y43") == "统一社会信用代码第3至8位应为行政区划码(6位数字)"
    assert uscc_problem(STANDARD_EXAMPLE) is None


def test_it_folds_full_width_and_spaces():
    full = "".join(chr(ord(c) + 0xFEE0) for c in STANDARD_EXAMPLE)
    assert normalize_uscc(" " + full + " ") == STANDARD_EXAMPLE
    assert normalize_uscc("！～") == "!~"  # the first and last full-width characters
    assert normalize_uscc("9135 0100m000100y43") == STANDARD_EXAMPLE


def test_it_needs_seventeen_characters_for_a_check_character():
    import pytest

    with pytest.raises(ValueError, match="计算校验码需要前17位"):
        check_character("9135")
    with pytest.raises(ValueError, match="不能出现在统一社会信用代码中"):
        check_character("91350100M000100I4")
