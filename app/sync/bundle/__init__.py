"""The bundle file: a ZIP with a signed manifest, the row versions and the attachments' bytes.

Members:

- ``manifest.json``: format and version, the bundle id, the device (code, Ed25519 public key,
  key id), the range of the device's version log it carries, counts per table, the SHA-256 and
  size of every other member, and the head of the version log when it was made;
- ``manifest.sig``: the Ed25519 signature of the exact bytes of ``manifest.json``;
- ``versions.jsonl``: one row version per line, canonical JSON (the snapshot as a JSON string);
- ``blobs/<sha256>``: the bytes of photos and scans referenced by the exported attachments.

Reading checks, in this order and before anything is parsed or stored: that the file is a ZIP,
every member name is one of the above (no paths), no member is larger than its limit or
compressed suspiciously well, the manifest's signature, the format version, and then the
SHA-256 of every member while it is inflated under a hard cap. Members are inflated by this
package (``members``), not by ``zipfile``, so a stream that would grow past its declared size is
stopped at once.

- ``members``: the members' names and limits, ``BundleError``, and a member inflated under a cap;
- ``reading``: a bundle file copied to local disk, decrypted and verified (``open_bundle``);
- ``writing``: a bundle written and signed (``BundleWriter``), and moved into place.
"""
