#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz tests into src/test/resources.

Jazzer replays every file under <TestClass>Inputs/<method>/ in a plain `mvn test`. The seeds are
the documented sample events, the bodies and headers of the recorded hostile deliveries, and a few
hostile JSON documents. Run it again after a sample or a recorded delivery changes:

    python3 fuzz/generate-seeds.py
"""
import hashlib
import hmac
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent
CORE_RESOURCES = ROOT.parent / "dberi-webhooks-core/src/test/resources/com/dberi/webhooks"
TARGET = ROOT / "src/test/resources/com/dberi/webhooks/fuzz"

# Must match Deliveries.SECRET and Deliveries.NOW in the fuzz tests.
SECRET = b"dbr_whsec_fuzz_3c9e1a7f5b2d"
NOW_MS = 1_773_914_731_000
SAMPLE_TYPES = ["payment.completed", "payment.failed", "payment.expired", "refund.completed", "payout.paid"]


def sign(body: bytes) -> str:
    return hmac.new(SECRET, body, hashlib.sha256).hexdigest()


def write(test: str, method: str, seeds: dict) -> None:
    folder = TARGET / f"{test}Inputs" / method
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, data in seeds.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def payment(amount: str = "2500", created: str = '"2026-03-19T10:05:31Z"', extra: str = "") -> str:
    return (
        '{"id":"evt_fuzz_1","type":"payment.completed","created":' + created + ","
        '"data":{"payment_id":"pay_1","merchant_id":"mch_1","amount":' + amount + ","
        '"status":"completed","customer_id":"cus_1","metadata":{"order_id":"1234"}' + extra + "}}"
    )


def hostile_bodies() -> dict:
    sample = (CORE_RESOURCES / "samples/payment.completed.json").read_bytes()
    deep_arrays = '{"type":"payment.completed","data":' + "[" * 5000 + "]" * 5000 + "}"
    deep_objects_ok = '{"type":"x.y","data":' + '{"a":' * 30 + "1" + "}" * 30 + "}"
    deep_objects_over = '{"type":"x.y","data":' + '{"a":' * 40 + "1" + "}" * 40 + "}"
    return {
        "deep-arrays": deep_arrays,
        "deep-objects-within-limit": deep_objects_ok,
        "deep-objects-over-limit": deep_objects_over,
        "amount-huge-exponent": payment("1e999999999"),
        "amount-negative-huge-exponent": payment("-1e999999999"),
        "amount-tiny-exponent": payment("1e-999999999"),
        "amount-fraction": payment("2500.5"),
        "amount-whole-double": payment("2500.0"),
        "amount-over-long": payment("9223372036854775808"),
        "amount-long-number": payment("1" * 80),
        "amount-string": payment('"2500"'),
        "amount-nan": payment("NaN"),
        "created-huge": payment(created="99999999999999999999"),
        "created-negative": payment(created="-1"),
        "created-max-long": payment(created="9223372036854775807"),
        "created-bad-date": payment(created='"2026-13-45T99:00:00Z"'),
        "created-double": payment(created="1.5e300"),
        "duplicate-top-level-key": '{"id":"evt_a","id":"evt_b","type":"payment.expired","data":{"payment_id":"p"}}',
        "duplicate-data-key": '{"id":"evt_a","type":"payment.expired","data":{"payment_id":"p","payment_id":"q"}}',
        "utf8-bom": b"\xef\xbb\xbf" + sample,
        "utf16le-bom": b"\xff\xfe" + sample.decode("utf-8").encode("utf-16-le"),
        "utf16be": sample.decode("utf-8").encode("utf-16-be"),
        "utf32le": sample.decode("utf-8").encode("utf-32-le"),
        "invalid-utf8": b'{"id":"evt_\xc3\x28","type":"payment.expired","data":{"payment_id":"\xff\xfe"}}',
        "lone-surrogate-escape": '{"id":"\\ud800","type":"payment.expired","data":{"payment_id":"\\udfff"}}',
        "trailing-tokens": '{"type":"payment.expired","data":{"payment_id":"p"}} {}',
        "comment": '{"type":"payment.expired",/* c */"data":{"payment_id":"p"}}',
        "top-level-array": "[1,2,3]",
        "top-level-string": '"payment.completed"',
        "whitespace-only": " \r\n\t ",
        "type-number": '{"type":1,"data":{}}',
        "type-blank": '{"type":"   ","data":{}}',
        "data-array": '{"type":"payment.completed","data":[]}',
        "metadata-nested": payment(extra=',"metadata2":{}').replace('{"order_id":"1234"}', '{"order_id":{"x":1}}'),
        "metadata-mixed": payment().replace('{"order_id":"1234"}', '{"qty":2,"gift":true,"none":null,"big":1e308}'),
        "payout-bad-date": '{"type":"payout.paid","data":{"payout_id":"po","amount":1,"arrival_date":"+999999999-12-31"}}',
        "payout-out-of-range-date": '{"type":"payout.paid","data":{"payout_id":"po","amount":1,"arrival_date":"2026-02-30"}}',
        "unknown-type-deep-data": '{"type":"custom.thing","data":{"a":[{"b":[1,2,{"c":null}]}]}}',
        "long-key": '{"' + "k" * 2000 + '":1,"type":"payment.expired","data":{"payment_id":"p"}}',
    }


def bodies() -> dict:
    seeds = {f"sample-{t}": (CORE_RESOURCES / f"samples/{t}.json").read_bytes() for t in SAMPLE_TYPES}
    for case in json.loads((CORE_RESOURCES / "cases/deliveries.json").read_text("utf-8")):
        if "body_base64" in case:
            import base64
            body = base64.b64decode(case["body_base64"])
        else:
            body = case["body"].encode("utf-8")
        if len(body) <= 64 * 1024:
            seeds[f"delivery-{case['id']}"] = body
    seeds.update({f"hostile-{name}": data for name, data in hostile_bodies().items()})
    return seeds


def header_values(name: str) -> dict:
    values = {}
    for case in json.loads((CORE_RESOURCES / "cases/deliveries.json").read_text("utf-8")):
        for header_name, value in case.get("headers", {}).items():
            if header_name.lower() == name:
                values[f"delivery-{case['id']}"] = value
    return values


def signature_seeds() -> dict:
    valid = sign((CORE_RESOURCES / "samples/payment.completed.json").read_bytes())
    wrong = "0" * 64
    seeds = header_values("x-dberi-signature")
    seeds.update({
        "valid": valid,
        "valid-upper-case": valid.upper(),
        "valid-padded": " \t" + valid + " \t",
        "wrong-then-valid": wrong + "," + valid,
        "valid-sha256-prefix": "sha256=" + valid,
        "valid-v1-prefix": "v1=" + valid,
        "odd-length": valid[:-1],
        "one-too-long": valid + "0",
        "fullwidth-digits": "０" * 64,
        "arabic-indic-digits": "٠" * 64,
        "empty": "",
        "separators-only": " ,\t, ",
        "over-length-limit": (valid + ",") * 16,
        "newline-inside": valid[:32] + "\n" + valid[32:],
        "secret-as-value": SECRET.decode("ascii"),
    })
    return seeds


def timestamp_seeds() -> dict:
    seeds = header_values("x-dberi-timestamp")
    seeds.update({
        "now-millis": str(NOW_MS),
        "now-seconds": str(NOW_MS // 1000),
        "oldest-accepted": str(NOW_MS - 300_000),
        "just-too-old": str(NOW_MS - 300_001),
        "newest-accepted": str(NOW_MS + 300_000),
        "just-too-new": str(NOW_MS + 300_001),
        "padded": " \t" + str(NOW_MS) + "\t ",
        "sixteen-digits": "9" * 16,
        "seventeen-digits": "9" * 17,
        "largest-seconds": "99999999999",
        "smallest-millis": "100000000000",
        "zero": "0",
        "negative": "-" + str(NOW_MS),
        "plus-sign": "+" + str(NOW_MS),
        "exponent": "1.7e12",
        "fullwidth-digits": "１７７３９１４７３１０００",
        "arabic-indic-digits": "١٧٧٣٩١٤٧٣١٠٠٠",
        "leading-zeros": "000" + str(NOW_MS),
        "newline": str(NOW_MS) + "\n",
        "empty": "",
        "secret-as-value": SECRET.decode("ascii"),
    })
    return seeds


def main() -> None:
    body_seeds = bodies()
    write("VerifyAndParseFuzzTest", "validSignature", body_seeds)
    write("VerifyAndParseFuzzTest", "invalidSignature", body_seeds)
    write("EventJsonFuzzTest", "eventJson", body_seeds)
    write("SignatureHeaderFuzzTest", "signatureHeader", signature_seeds())
    write("TimestampHeaderFuzzTest", "timestampHeader", timestamp_seeds())


if __name__ == "__main__":
    main()
