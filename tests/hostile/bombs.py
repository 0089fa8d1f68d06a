"""ZIP bombs: small .docx uploads that unpack to many megabytes."""

import functools
import io
import random
import zipfile

CONTENT_TYPES = (b'<Override ContentType="application/vnd.openxmlformats-officedocument.'
                 b'wordprocessingml.document.main+xml"/>')
MB = 1024 * 1024


def _docx(megabytes, noise):
    """[Content_Types].xml padded to `megabytes`, each megabyte with `noise` random bytes
    (more noise packs less tightly)."""
    rng = random.Random(12)
    buffer = io.BytesIO()
    with (zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
          archive.open("[Content_Types].xml", "w", force_zip64=True) as member):
        member.write(CONTENT_TYPES)
        for _ in range(megabytes):
            member.write(rng.randbytes(noise) + b" " * (MB - noise))
    return buffer.getvalue()


@functools.cache
def tight_bomb():
    """About 400 KB that unpack to 400 MB, and say so."""
    return _docx(400, 0)


@functools.cache
def loose_bomb():
    """About 200 KB that unpack to 20 MB: packed no tighter than a real document may be, so
    only reading a bounded number of bytes keeps the memory small."""
    return _docx(20, 10_000)
