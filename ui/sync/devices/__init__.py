"""Devices and keys: this device's key fingerprint (text and QR), the devices known here with
their trust, the bundles held in quarantine, and which rounds this device receives.

A supervisor trusts a device after comparing the fingerprint its laptop shows (typed here, or
confirmed digit by digit), may import its held bundles at once, and revokes a device after a
confirmation. Everyone sees the lists; ``changed`` is emitted after an import of held bundles.

- ``models``: the tables of devices and of held bundles, and the state the dialog loads;
- ``trust``: the dialog that trusts one device's key after comparing its fingerprint;
- ``view``: the dialog's widgets, loading and selection (``DevicesView``);
- ``dialog``: ``DevicesDialog``: the texts and what its buttons do.
"""
