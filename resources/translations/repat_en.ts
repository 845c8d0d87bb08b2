<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CandidatesTab</name>
    <message numerus="yes">
        <location filename="../../ui/cases/candidates_tab.py" line="+271"/>
        <source>%n candidate(s), best first.</source>
        <translation>
            <numerusform>%n candidate.</numerusform>
            <numerusform>%n candidates, best first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n rejected.</source>
        <translation>
            <numerusform>%n rejected.</numerusform>
            <numerusform>%n rejected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message numerus="yes">
        <location filename="../../ui/cases/view.py" line="+306"/>
        <source>%Ln cases</source>
        <translation>
            <numerusform>%Ln case</numerusform>
            <numerusform>%Ln cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message numerus="yes">
        <location filename="../../ui/documents/certificate.py" line="+78"/>
        <source>The &amp;whole round (%n case(s))</source>
        <translation>
            <numerusform>The &amp;whole round (%n case)</numerusform>
            <numerusform>The &amp;whole round (%n cases)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The chosen case(s) (%n)</source>
        <translation>
            <numerusform>The chosen case (%n)</numerusform>
            <numerusform>The chosen cases (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>Draft %1, round %2: %n case(s)</source>
        <translation>
            <numerusform>Draft %1, round %2: %n case</numerusform>
            <numerusform>Draft %1, round %2: %n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Certificate %1, issued %2 by %3: %n case(s)</source>
        <translation>
            <numerusform>Certificate %1, issued %2 by %3: %n case</numerusform>
            <numerusform>Certificate %1, issued %2 by %3: %n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+148"/>
        <source>Issue certificate %1 listing %n case(s)?

Once issued it can never be changed: a mistake is corrected by a new certificate that supersedes it. A custody event is recorded for every case.</source>
        <translation>
            <numerusform>Issue certificate %1 listing %n case?

Once issued it can never be changed: a mistake is corrected by a new certificate that supersedes it. A custody event is recorded for the case.</numerusform>
            <numerusform>Issue certificate %1 listing %n cases?

Once issued it can never be changed: a mistake is corrected by a new certificate that supersedes it. A custody event is recorded for every case.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message numerus="yes">
        <location filename="../../ui/sync/conflicts.py" line="+347"/>
        <source>%n open conflict(s).</source>
        <translation>
            <numerusform>%n open conflict.</numerusform>
            <numerusform>%n open conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n resolved conflict(s).</source>
        <translation>
            <numerusform>%n resolved conflict.</numerusform>
            <numerusform>%n resolved conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n conflict(s).</source>
        <translation>
            <numerusform>%n conflict.</numerusform>
            <numerusform>%n conflicts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message numerus="yes">
        <location filename="../../ui/reconciliation/dashboard.py" line="+327"/>
        <source>%n round(s): %1 received of %2 declared, %3 identified; %4 discrepancies not explained.</source>
        <translation>
            <numerusform>%n round: %1 received of %2 declared, %3 identified; %4 discrepancies not explained.</numerusform>
            <numerusform>%n rounds: %1 received of %2 declared, %3 identified; %4 discrepancies not explained.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+89"/>
        <source>%n round(s)</source>
        <translation>
            <numerusform>%n round</numerusform>
            <numerusform>%n rounds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscrepanciesDialog</name>
    <message numerus="yes">
        <location filename="../../ui/reconciliation/discrepancies.py" line="+323"/>
        <source>%n discrepancy(-ies) listed; </source>
        <translation>
            <numerusform>%n discrepancy listed; </numerusform>
            <numerusform>%n discrepancies listed; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n not explained in all.</source>
        <translation>
            <numerusform>%n not explained in all.</numerusform>
            <numerusform>%n not explained in all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message numerus="yes">
        <location filename="../../ui/documents/verify.py" line="+39"/>
        <source>VALID. Certificate %1 (round %2, %n case(s)) was issued on %4 and is in force.</source>
        <translation>
            <numerusform>VALID. Certificate %1 (round %2, %n case) was issued on %4 and is in force.</numerusform>
            <numerusform>VALID. Certificate %1 (round %2, %n cases) was issued on %4 and is in force.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <location filename="../../ui/sync/duplicates.py" line="+265"/>
        <source>%n probable duplicate(s) to decide.</source>
        <translation>
            <numerusform>%n probable duplicate to decide.</numerusform>
            <numerusform>%n probable duplicates to decide.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n probable duplicate(s).</source>
        <translation>
            <numerusform>%n probable duplicate.</numerusform>
            <numerusform>%n probable duplicates.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message numerus="yes">
        <location filename="../../ui/sync/common.py" line="+162"/>
        <source>%n record(s) wait for records not received yet.</source>
        <translation>
            <numerusform>%n record waits for records not received yet.</numerusform>
            <numerusform>%n records wait for records not received yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s) of rounds this device does not receive are skipped.</source>
        <translation>
            <numerusform>%n change of rounds this device does not receive is skipped.</numerusform>
            <numerusform>%n changes of rounds this device does not receive are skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n photo(s) or scan(s).</source>
        <translation>
            <numerusform>%n photo or scan.</numerusform>
            <numerusform>%n photos or scans.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message numerus="yes">
        <location filename="../../ui/reconciliation/discrepancies.py" line="-150"/>
        <source>Explain %n discrepancy(-ies): what happened, and who confirmed it.</source>
        <translation>
            <numerusform>Explain %n discrepancy: what happened, and who confirmed it.</numerusform>
            <numerusform>Explain %n discrepancies: what happened, and who confirmed it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/sync/export.py" line="+242"/>
        <source>%n change(s) not exported yet.</source>
        <translation>
            <numerusform>%n change not exported yet.</numerusform>
            <numerusform>%n changes not exported yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+128"/>
        <source>%n photo(s) have no content in this database and were left out.</source>
        <translation>
            <numerusform>%n photo has no content in this database and was left out.</numerusform>
            <numerusform>%n photos have no content in this database and were left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FigureListDialog</name>
    <message numerus="yes">
        <location filename="../../ui/reconciliation/figure_list.py" line="+138"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message numerus="yes">
        <location filename="../../ui/reconciliation/figures_table.py" line="+124"/>
        <source>Selected (%n)</source>
        <translation>
            <numerusform>Selected (%n)</numerusform>
            <numerusform>Selected (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Total (%n)</source>
        <translation>
            <numerusform>Total (%n)</numerusform>
            <numerusform>Total (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTree</name>
    <message numerus="yes">
        <location filename="../../ui/cases/history.py" line="+61"/>
        <source>%Ln fields changed</source>
        <translation>
            <numerusform>%Ln field changed</numerusform>
            <numerusform>%Ln fields changed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportTotals</name>
    <message numerus="yes">
        <location filename="../../ui/sync/merge_wizard/summary.py" line="+164"/>
        <source>%n file(s) from devices not trusted here are held in quarantine.</source>
        <translation>
            <numerusform>%n file from a device not trusted here is held in quarantine.</numerusform>
            <numerusform>%n files from devices not trusted here are held in quarantine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) from devices not trusted here would be held in quarantine.</source>
        <translation>
            <numerusform>%n file from a device not trusted here would be held in quarantine.</numerusform>
            <numerusform>%n files from devices not trusted here would be held in quarantine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) refused; they change nothing.</source>
        <translation>
            <numerusform>%n file refused; it changes nothing.</numerusform>
            <numerusform>%n files refused; they change nothing.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message numerus="yes">
        <source>Labels for %n case(s). Choose the paper:</source>
        <translation type="vanished">
            <numerusform>Labels for %n case. Choose the paper:</numerusform>
            <numerusform>Labels for %n cases. Choose the paper:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/documents/case_documents.py" line="+115"/>
        <source>&amp;Every case of the round (%n)</source>
        <translation>
            <numerusform>&amp;Every case of the round (%n)</numerusform>
            <numerusform>&amp;Every case of the round (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The bags &amp;without a label yet (%n)</source>
        <translation>
            <numerusform>The bags &amp;without a label yet (%n)</numerusform>
            <numerusform>The bags &amp;without a label yet (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The &amp;selected cases (%n)</source>
        <translation>
            <numerusform>The &amp;selected cases (%n)</numerusform>
            <numerusform>The &amp;selected cases (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/shell/main_window.py" line="+334"/>
        <source>%1 — %n unexplained discrepancies</source>
        <translation>
            <numerusform>%1 — %n unexplained discrepancy</numerusform>
            <numerusform>%1 — %n unexplained discrepancies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManifestImportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/rounds/manifest_import.py" line="+348"/>
        <source>Read as %1, values separated by %2; %n row(s).</source>
        <translation>
            <numerusform>Read as %1, values separated by %2; %n row.</numerusform>
            <numerusform>Read as %1, values separated by %2; %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>%n row(s) ready to import.</source>
        <translation>
            <numerusform>%n row ready to import.</numerusform>
            <numerusform>%n rows ready to import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n line(s) have problems, so the list cannot be imported as it is.</source>
        <translation>
            <numerusform>%n line has problems, so the list cannot be imported as it is.</numerusform>
            <numerusform>%n lines have problems, so the list cannot be imported as it is.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n row(s) will be skipped: rows with problems, and repeated tags after their first row.</source>
        <translation>
            <numerusform>%n row will be skipped: rows with problems, and repeated tags after their first row.</numerusform>
            <numerusform>%n rows will be skipped: rows with problems, and repeated tags after their first row.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n row(s) will be imported. Import them?</source>
        <translation>
            <numerusform>%n row will be imported. Import it?</numerusform>
            <numerusform>%n rows will be imported. Import them?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+43"/>
        <source>Imported %n manifest line(s).</source>
        <translation>
            <numerusform>Imported %n manifest line.</numerusform>
            <numerusform>Imported %n manifest lines.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Skipped %n row(s) with problems or repeated tags.</source>
        <translation>
            <numerusform>Skipped %n row with problems or repeated tags.</numerusform>
            <numerusform>Skipped %n rows with problems or repeated tags.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-120"/>
        <source>Read from the sheet “%1”; %n row(s).</source>
        <translation>
            <numerusform>Read from the sheet “%1”; %n row.</numerusform>
            <numerusform>Read from the sheet “%1”; %n rows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegisterImport</name>
    <message numerus="yes">
        <location filename="../../ui/register/texts.py" line="+143"/>
        <source>%n row(s) were refused; each is listed above with its line and reason.</source>
        <translation>
            <numerusform>%n row was refused; it is listed above with its line and reason.</numerusform>
            <numerusform>%n rows were refused; each is listed above with its line and reason.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegisterImportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/register/import_dialog.py" line="+322"/>
        <source>Read from the sheet “%1”; %n row(s).</source>
        <translation>
            <numerusform>Read from the sheet “%1”; %n row.</numerusform>
            <numerusform>Read from the sheet “%1”; %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Read as %1, values separated by %2; %n row(s).</source>
        <translation>
            <numerusform>Read as %1, values separated by %2; %n row.</numerusform>
            <numerusform>Read as %1, values separated by %2; %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%n row(s) can be imported:</source>
        <translation>
            <numerusform>%n row can be imported:</numerusform>
            <numerusform>%n rows can be imported:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n row(s) have problems and will be left out; they are listed above.</source>
        <translation>
            <numerusform>%n row has problems and will be left out; it is listed above.</numerusform>
            <numerusform>%n rows have problems and will be left out; they are listed above.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegisterWindow</name>
    <message numerus="yes">
        <location filename="../../ui/register/window.py" line="+199"/>
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln entry</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoundCandidatesDialog</name>
    <message numerus="yes">
        <location filename="../../ui/cases/candidates_round.py" line="+226"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message numerus="yes">
        <location filename="../../ui/sync/devices/trust.py" line="+84"/>
        <source>&amp;Import its %n held bundle(s) now</source>
        <translation>
            <numerusform>&amp;Import its %n held bundle now</numerusform>
            <numerusform>&amp;Import its %n held bundles now</numerusform>
        </translation>
    </message>
</context>
</TS>
