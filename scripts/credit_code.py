"""GB 32100-2015 统一社会信用代码 helpers for the sample generators (check character, random codes)."""
import random

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def make_code(rng: random.Random, district: str = "310109") -> str:
    """A syntactically valid code for an enterprise registered in `district` (虹口区 = 310109)."""
    body = "91" + district + "".join(rng.choice(ALPHABET) for _ in range(9))
    return body + check_character(body)


if __name__ == "__main__":
    import sys
    for arg in sys.argv[1:]:
        print(arg[:17] + check_character(arg[:17].upper()))
