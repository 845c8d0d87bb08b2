"""Service messages in the user's language.

``user_message(exc)`` is the text to show for an ``app.errors`` exception: the services speak
English sentences; the known ones (``_MARKED``) are translated here, the rest are shown as they
are. ``translate_reason`` translates why a file could not be written.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.errors import RepatError

_CTX = "ServiceMessages"

# Why a file could not be written (app.errors.os_reason): a part the services fill into their
# sentences, translated there too.
_REASONS = (
    QT_TRANSLATE_NOOP("ServiceMessages", "permission denied"),
    QT_TRANSLATE_NOOP("ServiceMessages", "the disk is full"),
    QT_TRANSLATE_NOOP("ServiceMessages", "the file is too big for this disk"),
    QT_TRANSLATE_NOOP("ServiceMessages", "the disk is read-only"),
    QT_TRANSLATE_NOOP("ServiceMessages", "the folder does not exist"),
)
_KNOWN_REASONS = frozenset(str(r) for r in _REASONS)

# Sentences the services raise, with %1, %2 for the parts they fill in. Keep in step with app/.
_MARKED = (
    # start-up and the database
    QT_TRANSLATE_NOOP("ServiceMessages", "The database %1 is on removable media; copy it to this computer's disk and open the copy."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a folder, not a Repat database file."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot read the database file %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a Repat database (it is not an SQLite file)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database file %1 is read-only; Repat needs to write to it. Check the file's permissions or copy it to a folder you can write to."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot create the folder %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The folder %1 is read-only; Repat needs to write its database and journal there."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The file is not a Repat database (it holds other tables)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database was written by a newer version of Repat; install that version to open it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The disk is full: nothing was saved. Free some space and try again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database is read-only: nothing was saved."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database is busy (another program is writing to it); try again in a moment."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The file is not a Repat database."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database server cannot be reached; nothing was lost. Check the network and try again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The connection to the database server was lost; nothing was lost. Try again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The upgrade left broken references; the database was not changed."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Repat is already open on this database (%1). Switch to that window, or close it first."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database refused the change: %1."),
    # accounts
    QT_TRANSLATE_NOOP("ServiceMessages", "The device code must be 2 to 8 Latin capital letters or digits, starting with a letter (e.g. KH01)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The user name must be 2 to 64 Latin letters, digits, dots, dashes or underscores."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The password must be at least %1 characters long."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the supervisor's full name."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database is already set up."),
    QT_TRANSLATE_NOOP("ServiceMessages", "A device with the code %1 already exists in this database."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Wrong user name or password."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the user's full name."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The user name %1 is taken."),
    QT_TRANSLATE_NOOP("ServiceMessages", "You cannot deactivate your own account."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no user %1."),
    # backup and restore
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a Repat backup (it is not an SQLite file)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a Repat backup (it holds other tables)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 was written by a newer version of Repat; install that version to restore it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no file %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot read %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged (the integrity check failed); it cannot be restored."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged (%2); it cannot be restored."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is an empty Repat database, not a backup of an installation."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a Repat database that was never set up; there is nothing to restore."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The disk of %1 is full: the backup was not written. Free some space or choose another disk."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write to %1 (it is read-only or not yours); choose another folder."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The folder %1 does not exist; choose an existing folder."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database is on a PostgreSQL server; back it up with the server's tools (pg_dump --format=custom), which copy it consistently while it is in use."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose another file for the backup than the database itself."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database is not set up yet; there is nothing to back up."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The backup could not be written to %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a backup of another installation (%2), not of this one (%3); open it with --db instead of restoring it here."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Repat is open on %1; close it before restoring."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The current database could not be kept as %1 (%2); nothing was restored."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The backup could not be restored to %1: %2; the current database is unchanged."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The backup folder %1 is not there (is the memory stick plugged in?); no backup was made."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The account %1 was made on %2 and has no role on this installation; a supervisor here can grant one (Users, or repat users grant)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no user %1 made on %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Several accounts are called %1 (made on %2); say which installation made the one you mean."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 has no role here yet; grant one instead (Users, or repat users grant)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "You cannot take away your own supervisor role."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The headquarters %1 decides the role of %2 here; ask a supervisor there."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no trusted device %1 here; import its bundle and trust it first (repat devices trust)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Two trusted devices carry the code %1; revoke the one that is not the headquarters."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The current password is wrong."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database has not been set up yet; run the first-run set-up (repat init)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This installation's device record is missing."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Log in first."),
    # rounds and transport units
    QT_TRANSLATE_NOOP("ServiceMessages", "A round with the code %1 already exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The round no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The round does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no round %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Someone else changed this round after you opened it; reopen it and apply your change again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the transport unit's plate or ID."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The declared bag count cannot be negative."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This round already has a transport unit %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The transport unit no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Someone else changed this transport unit after you opened it; reopen it."),
    # cases
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose the round first."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The tag is longer than 100 characters; check the scanner."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Scan or type the tag, or tick \u201cno tag\u201d if the bag has none."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Personal effect %1 has no description."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Personal effect %1: the quantity must be at least 1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The transport unit is not part of this round."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no case %1 to attach this part to."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no case %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The case does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The case no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 was changed by someone else after you opened it. Review their change and choose which values to keep."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a photo or scan Repat can keep (use JPEG, PNG, TIFF or PDF)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is larger than %2 MB."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot read %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The photo's content is not in this database."),
    QT_TRANSLATE_NOOP("ServiceMessages", "A case can list at most %1 personal effects."),
    # saving, and the database underneath
    QT_TRANSLATE_NOOP("ServiceMessages", "Someone else saved this record while you were saving; nothing of yours was written. Reopen it to see their change, then apply yours again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database file is damaged; restore it from a backup copy."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The database records several schema versions at once; it is not a Repat database."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Only an SQLite database can be copied to a file."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Your role (%1) may not do this; it needs: %2."),
    # handover certificates and labels
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificate %1 is issued and cannot be changed; issue a correction that supersedes it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificate %1 is void and cannot be changed; prepare a new one."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificate %1 is issued and cannot be changed; a correction is a new certificate that supersedes it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificate %1 is void and cannot be changed; a correction is a new certificate that supersedes it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Someone else changed draft %1 after you opened it; reopen it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Someone else changed draft %1 at the same time; reopen it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Give the reason for voiding the certificate."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The reason is longer than %1 characters."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no certificate %1 in this database."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The certificate does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The certificate's round does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Round %1 has no cases to print labels for."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The list of cases is empty."),
    QT_TRANSLATE_NOOP("ServiceMessages", "These cases are not in this database: %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "These cases belong to another round: %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose at least one case for the certificate."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Some of the chosen cases are not in this round."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Only an issued certificate can be corrected."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificate %1 is not issued, so there is nothing to correct."),
    QT_TRANSLATE_NOOP("ServiceMessages", "A correction of %1 is already being prepared: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "A draft cannot be moved to another round."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a draft; discard it instead of voiding it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificate %1 is already void."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Only clerks and supervisors may reprint issued certificates."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificate %1 has no stored content to print."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Certificates are never deleted; void them instead."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The case list of certificate %1 cannot be changed."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The notes are longer than %1 characters."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The time %1 is not a time of day (use HH:MM)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The date %1 is not a date (use YYYY-MM-DD)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Each representative or witness needs a name, a position and a document."),
    # writing a document or a file
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write %1: %2; nothing was written."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Give the name of the file to write."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a folder; give the name of a file to write in it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write %1: the folder %2 does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write %1: %2 is not a folder."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write %1: permission denied in the folder %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write %1: the existing file is read-only."),
    # exchange: bundle files refused
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no file %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a folder, not a bundle file."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is empty; it is not a Repat export bundle."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a Repat export bundle."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is incomplete or damaged (it may have been cut short while copying); ask for the file again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The signature of %1 is not valid: the file was altered after it was signed, or signed with another key; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 in %2 was changed after the bundle was signed; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 in %2 does not hold the bytes its name promises; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 was made by a newer version of Repat (bundle format %2); install that version to import it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 contains an unsafe file name (%2); it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 contains an unexpected member (%2); it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 lists an unexpected member (%2); it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 contains a member the signed manifest does not list (%2); it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 contains the same member twice; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 has more members than a bundle may have; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 contains an encrypted member; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 contains a member larger than Repat accepts (%2); it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 contains a member that inflates far beyond its stated size (a possible zip bomb); it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 uses a compression Repat does not accept; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is larger than Repat accepts (%2 GB); it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is larger than Repat accepts; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 was changed while it was being imported; import it again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged: a member's header is missing."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged: a member does not match its checksum."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged: a stored member's sizes disagree."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged: a member cannot be inflated."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged: its manifest does not name the device that made it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is damaged: its list of changes cannot be read."),
    QT_TRANSLATE_NOOP("ServiceMessages", "A bundle is damaged: a record's contents do not match the record."),
    QT_TRANSLATE_NOOP("ServiceMessages", "A bundle is damaged: a record's contents cannot be read."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot copy %1 to this computer: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is signed by %2 with a different key than the one registered here; revoke the old key first if that laptop was set up again."),
    # exchange: encrypted bundles (the file's name comes first when importing)
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The passphrase is wrong; nothing was imported."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The bundle is encrypted with a passphrase; give the passphrase to import it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The bundle is encrypted for the headquarters' key, which this database does not hold."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The bundle is encrypted for another headquarters key than the one this database holds."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The encrypted file is damaged or was altered; nothing was imported."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The encrypted file is incomplete (it may have been cut short while copying); ask for it again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The encrypted file is damaged."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The encrypted file's header is damaged."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The encrypted file has data after its end; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The encrypted bundle is larger than Repat accepts; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The encrypted file asks for unreasonable key-derivation settings; it was refused."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The file was encrypted by a newer version of Repat; install that version to open it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The file is encrypted in a way this version of Repat does not know."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: The file is not an encrypted Repat bundle."),
    # exchange: exporting
    QT_TRANSLATE_NOOP("ServiceMessages", "There is nothing new to export since the last bundle (use --full to export everything)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This database holds no records to export."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This installation has no signing key; it cannot export."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose either a passphrase or the headquarters' key, not both."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose a passphrase or the headquarters' key to encrypt the bundle."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The passphrase is empty; choose one and give it to the headquarters separately."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot read the headquarters key %1: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The file holds another kind of key, not the headquarters' X25519 public key."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The file is not a headquarters public key (expected a PEM file from `repat keys hq-public`)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is a folder; give the bundle file's name, e.g. %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The folder %1 does not exist."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write to the folder %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot write %1: %2; nothing was marked as exported."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Cannot keep a copy of %1 in quarantine: %2; nothing was imported."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The bundle could not be read back correctly; nothing was marked as exported."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The encrypted bundle could not be read back; nothing was marked as exported."),
    # exchange: importing, devices and keys
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose at least one bundle file to import."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no device %1 here."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no device %1 here; import one of its bundles first (it will be held)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is this device; it trusts itself."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is this device; it cannot be revoked here."),
    QT_TRANSLATE_NOOP("ServiceMessages", "No key of %1 here has the fingerprint %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "No key is known for %1: import one of its bundles first (it will be held), then trust it."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 has %2 different keys here; give the fingerprint the laptop shows to choose one."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is already trusted with another key (%2); revoke it first if that laptop was set up again, and give it a resume file (repat devices resume-file %3) so that its numbers continue after those already issued."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not trusted; trust it first (compare its key fingerprint)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The held copy %1 is missing (it was kept on another computer?); import the original file of %2 again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Name at least one round, or choose to receive all rounds."),
    # exchange: conflicts and probable duplicates
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no conflict %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "This conflict is already resolved."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The value is longer than %1 characters."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Pick one of the values or type another one (not both)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1 is not a valid value here; choose one of: %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The record is not in the database yet (it waits for a record not received); import the missing bundle first."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The record's current version is missing from the log; it cannot be resolved here."),
    QT_TRANSLATE_NOOP("ServiceMessages", "There is no probable duplicate %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Only two cases can be linked as the same remains; dismiss this flag instead."),
    QT_TRANSLATE_NOOP("ServiceMessages", "One of the two cases is not in this database."),
    # reconciliation
    QT_TRANSLATE_NOOP("ServiceMessages", "The start of the period is after its end."),
    QT_TRANSLATE_NOOP("ServiceMessages", "One of the rounds no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "No round matches the chosen rounds and period."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Unknown figure: %1."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Unknown report format %1; use pdf or csv."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Merge conflicts and probable duplicates are settled in the merge view."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The record of this discrepancy is not part of the round."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Write the explanation first."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The explanation is longer than %1 characters."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose the discrepancies to explain."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Explain the discrepancy before marking it resolved."),
    # forensic work
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 was changed by someone else after you opened it; reopen it to see their change, then apply yours again."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter when the examination was completed."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter who examined the remains."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The examination time is in the future."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The examination of case %1 cannot be before the remains were received."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The examination of case %1 is completed and recorded in its custody chain; it cannot be reopened. Add what you found to its notes instead."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the date the sample was taken."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The sampling date is in the future."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 already has a sample numbered %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The sample no longer exists."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the established name."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the name of who identified the remains."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the date of the identification."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The identification date is in the future."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Record the completed examination of case %1 before its identification."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the recipient's name."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter the recipient's identity document."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Enter when the remains were released."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The release time is in the future."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The release of case %1 cannot be before the remains were received."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The release of case %1 cannot be before its examination."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 has already been released."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 was returned; it cannot be released."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Record the identification of case %1 before releasing the remains."),
    # the sending side's list
    QT_TRANSLATE_NOOP("ServiceMessages", "Unknown encoding %1: use UTF-8 or Windows-1251 (cp1251)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The delimiter must be a comma or a semicolon."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The file has no column %1."),
    # long work
    QT_TRANSLATE_NOOP("ServiceMessages", "Cancelled; nothing was changed."),
    # the steps of an import (shown under its progress bar)
    QT_TRANSLATE_NOOP("ServiceMessages", "Checking %1"),
    QT_TRANSLATE_NOOP("ServiceMessages", "Importing %1"),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: Updating records"),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: Merging concurrent changes"),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: Storing attachments"),
    QT_TRANSLATE_NOOP("ServiceMessages", "%1: Looking for probable duplicates"),
    QT_TRANSLATE_NOOP("ServiceMessages", "Bringing the reconciliation figures up to date"),
    QT_TRANSLATE_NOOP("ServiceMessages", "Saving"),
    # reception times and voided cases
    QT_TRANSLATE_NOOP("ServiceMessages", "\u201c%1\u201d is not a reception time written YYYY-MM-DD HH:MM (e.g. 2025-06-11 14:30)."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The reason for the reception time is longer than %1 characters."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The reception time %1 lies in the future; check the date and time."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The reception time %1 is before the round's date (%2); check the date, or choose the round the bag belongs to."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The reception time %1 is after the round's days (%2 to %3); give the reason the bag was received later."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Give the reason the case is voided."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 is already void."),
    QT_TRANSLATE_NOOP("ServiceMessages", "Case %1 is listed on the issued act %2; void or correct the act first."),
    # candidates from the missing-persons register
    QT_TRANSLATE_NOOP("ServiceMessages", "Nothing was decided about application %1 for case %2."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The application is no longer in the register."),
    QT_TRANSLATE_NOOP("ServiceMessages", "The note is longer than %1 characters."),
)
_SERVICE_MESSAGES: tuple[str, ...] = tuple(str(m) for m in _MARKED)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\d)", template)
    regex = "".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts)
    return re.compile(regex, re.DOTALL)


# Exact sentences first, then the ones with placeholders (most literal text first).
_COMPILED = sorted(
    ((t, _pattern(t)) for t in _SERVICE_MESSAGES), key=lambda item: ("%" in item[0], -len(item[0]))
)


def translate_reason(value: str) -> str:
    """``value`` in the current language when it is a reason a file could not be written (else
    unchanged: a value filled into a sentence, such as a file name)."""
    return QCoreApplication.translate(_CTX, value) if value in _KNOWN_REASONS else value


def translate_message(text: str) -> str:
    """A service's English sentence in the current language (unchanged when it is not known)."""
    for template, pattern in _COMPILED:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        translated = QCoreApplication.translate(_CTX, template)
        for i, value in enumerate(match.groups(), start=1):  # a reason is translated too
            translated = translated.replace(f"%{i}", translate_reason(value))
        return translated
    return text


def user_message(exc: BaseException) -> str:
    """What to tell the user about ``exc``."""
    if isinstance(exc, RepatError):
        return translate_message(str(exc))
    return QCoreApplication.translate("Errors", "Something went wrong: %1. Details are in the log.").replace(
        "%1", f"{type(exc).__name__}: {exc}"
    )
