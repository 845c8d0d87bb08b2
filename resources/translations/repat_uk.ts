<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
<context>
    <name>ApplyPage</name>
    <message>
        <location filename="../../ui/sync/merge_wizard/apply.py" line="+74"/>
        <source>Importing</source>
        <translation>Імпорт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is applied in one transaction: until it is complete, the database is unchanged.</source>
        <translation>Усе застосовується в одній транзакції: доки її не завершено, база даних не змінюється.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applying the files… Stop leaves the database exactly as it was.</source>
        <translation>Застосування файлів… Якщо зупинити, база даних залишиться точно такою, як була.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop</source>
        <translation>&amp;Зупинити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start again</source>
        <translation>&amp;Почати знову</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The import was stopped. The database is exactly as it was before; nothing was imported.</source>
        <translation>Імпорт зупинено. База даних точно така, як була до нього; нічого не імпортовано.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is as it was before the import.</source>
        <translation>База даних така сама, як до імпорту.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Stopping… the changes made so far are being undone.</source>
        <translation>Зупинка… уже внесені зміни скасовуються.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/admin/audit.py" line="+21"/>
        <source>Verify records</source>
        <translation>Перевірка записів</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All records are intact: every chain of versions, every record and every issued certificate is as it was written.</source>
        <translation>Усі записи цілі: кожен ланцюг версій, кожен запис і кожен виданий акт такі, якими їх було записано.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The records are NOT intact: some were changed outside Repat. Nothing was repaired; tell a supervisor and keep this database as it is.</source>
        <translation>Записи НЕ цілі: деякі з них змінено поза Repat. Нічого не виправлено; повідомте керівника й залиште цю базу даних як є.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Verifying the records…</source>
        <translation>Перевірка записів…</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../ui/admin/backup.py" line="+52"/>
        <location line="+82"/>
        <source>Restore from a backup</source>
        <translation>Відновити з резервної копії</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Replace the records on this computer by the backup %1 of %2 (%3 case(s))? The current database is kept as a copy beside it, and its case numbers are not issued again. You log in again afterwards.</source>
        <translation>Замінити записи на цьому комп’ютері резервною копією %1 пристрою %2 (справ: %3)? Поточну базу даних буде збережено як копію поруч, а її номери справ не буде видано повторно. Після цього знову увійдіть.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&amp;Back up…</source>
        <translation>&amp;Резервна копія…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a checked copy of this database to a file</source>
        <translation>Записати перевірену копію цієї бази даних у файл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Відновити з резервної копії…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace this database by a backup, keeping the current one</source>
        <translation>Замінити цю базу даних резервною копією, зберігши поточну</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A server database is backed up with the server&apos;s tools (pg_dump).</source>
        <translation>Базу даних на сервері резервують засобами сервера (pg_dump).</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+5"/>
        <source>Back up</source>
        <translation>Резервна копія</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backed up %1 case(s) to %2; the copy was checked after writing.</source>
        <translation>Резервну копію (справ: %1) записано до %2; копію перевірено після запису.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Today&apos;s backup was written to %1.</source>
        <translation>Сьогоднішню резервну копію записано до %1.</translation>
    </message>
</context>
<context>
    <name>BagBox</name>
    <message>
        <location filename="../../ui/intake/field_groups.py" line="+103"/>
        <source>Bag and remains</source>
        <translation>Мішок і останки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transport &amp;unit:</source>
        <translation>&amp;Транспортний засіб:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Bag number:</source>
        <translation>&amp;Номер мішка:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category:</source>
        <translation>&amp;Категорія:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Condition:</source>
        <translation>Стан:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apparent se&amp;x:</source>
        <translation>&amp;Стать (візуально):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A&amp;ge group:</source>
        <translation>&amp;Вікова група:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage &amp;location:</source>
        <translation>&amp;Місце зберігання:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pa&amp;rt of case:</source>
        <translation>&amp;Частина справи:</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+34"/>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The bag itself is torn or open. A broken seal belongs to the transport unit (Rounds tab).</source>
        <translation>Сам мішок порваний або відкритий. Порушену пломбу записують для транспортного засобу (вкладка «Раунди»).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept for the next bag</source>
        <translation>Залишається для наступного мішка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for a body part, e.g. KH01-2026-00012</source>
        <translation>Лише для частини тіла, напр. KH01-2026-00012</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>A broken seal is recorded on the transport unit (Rounds tab), not on the bag.</source>
        <translation>Порушену пломбу записують для транспортного засобу (вкладка «Раунди»), а не для мішка.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>intact</source>
        <translation>ціла</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BROKEN</source>
        <translation>ПОРУШЕНА</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not recorded</source>
        <translation>не записано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal of %1: %2 (recorded on the unit, Rounds tab).</source>
        <translation>Пломба %1: %2 (записано для засобу, вкладка «Раунди»).</translation>
    </message>
</context>
<context>
    <name>CandidateCard</name>
    <message>
        <location filename="../../ui/sync/conflicts.py" line="+145"/>
        <source>Value %1</source>
        <translation>Значення %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by %1 on device %2
%3</source>
        <translation>%1, пристрій %2
%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown everywhere until the conflict is resolved.</source>
        <translation>Показується скрізь, доки конфлікт не врегульовано.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep value &amp;%1</source>
        <translation>Залишити значення &amp;%1</translation>
    </message>
</context>
<context>
    <name>CandidateReasons</name>
    <message>
        <location filename="../../ui/cases/candidates_texts.py" line="+20"/>
        <source>name similar (%1%)</source>
        <translation>ПІБ схожі (%1%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only the surname could be compared</source>
        <translation>порівнювалося лише прізвище</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>surname equal</source>
        <translation>прізвище збігається</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>surname equal after transliteration</source>
        <translation>прізвище збігається після транслітерації</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>surname similar (%1%)</source>
        <translation>прізвище схоже (%1%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>surname differs</source>
        <translation>прізвище інше</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first name equal</source>
        <translation>ім&apos;я збігається</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first name equal after transliteration</source>
        <translation>ім&apos;я збігається після транслітерації</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first name similar (%1%)</source>
        <translation>ім&apos;я схоже (%1%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first name differs</source>
        <translation>ім&apos;я інше</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patronymic equal</source>
        <translation>по батькові збігається</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patronymic equal after transliteration</source>
        <translation>по батькові збігається після транслітерації</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>patronymic similar (%1%)</source>
        <translation>по батькові схоже (%1%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patronymic differs</source>
        <translation>по батькові інше</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date of birth equal</source>
        <translation>дата народження збігається</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year of birth equal</source>
        <translation>рік народження збігається</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year of birth ±%1</source>
        <translation>рік народження ±%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year of birth differs by %1 years</source>
        <translation>рік народження відрізняється на %1 р.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unit matches (%1)</source>
        <translation>військова частина збігається (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distinguishing mark mentioned in the effects (%1)</source>
        <translation>особливу прикмету згадано в описі речей (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the sender&apos;s tag %1 is mentioned in the application</source>
        <translation>бирку %1 згадано в заяві</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>disappeared near the round&apos;s place (%1)</source>
        <translation>зник поблизу місця раунду (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sex differs</source>
        <translation>стать інша</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disappeared after the round (%1)</source>
        <translation>зник після раунду (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prioritised for DNA comparison</source>
        <translation>Першочергове порівняння ДНК</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Rejected</source>
        <translation>Відхилено</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Prioritised</source>
        <translation>Пріоритет</translation>
    </message>
</context>
<context>
    <name>CandidatesModel</name>
    <message>
        <location filename="../../ui/cases/candidates_tab.py" line="+55"/>
        <source>Score</source>
        <translation>Бал</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Рішення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Application</source>
        <translation>Заява</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Born</source>
        <translation>Народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disappeared</source>
        <translation>Зникнення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Чому</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 by %2.</source>
        <translation>%1 — %2.</translation>
    </message>
</context>
<context>
    <name>CandidatesTab</name>
    <message>
        <location line="+113"/>
        <source>Applications of the missing-persons register this case may answer, ranked by how well they fit. They set the order of DNA comparisons: a candidate is not an identification. Only a forensic identification (Forensics…) records who this is.</source>
        <translation>Заяви з реєстру зниклих безвісти, яким може відповідати ця справа, від найімовірнішої. Вони визначають черговість порівнянь ДНК: кандидат — це не ідентифікація. Хто це, встановлює лише судово-медична ідентифікація (Судмедекспертиза…).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>P&amp;rioritise for DNA comparison</source>
        <translation>&amp;Пріоритет для порівняння ДНК</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare this case with the application&apos;s reference samples first</source>
        <translation>Першочергово порівняти цю справу зі зразками родичів за цією заявою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ject</source>
        <translation>Від&amp;хилити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not this person: the application stays listed, marked and last</source>
        <translation>Це не ця особа: заява лишається в списку, позначена й остання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw decision</source>
        <translation>&amp;Відкликати рішення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;ote:</source>
        <translation>При&amp;мітка:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>why (optional)</source>
        <translation>чому (необов&apos;язково)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show rejected</source>
        <translation>Показувати відхилені</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervisors and field officers decide about candidates.</source>
        <translation>Рішення щодо кандидатів ухвалюють керівники та працівники польової групи.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Looking for candidates in the register…</source>
        <translation>Пошук кандидатів у реєстрі…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No application of the register is a candidate for this case.</source>
        <translation>Жодна заява з реєстру не є кандидатом для цієї справи.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n candidate(s), best first.</source>
        <translation>
            <numerusform>%n кандидат, від найімовірнішого.</numerusform>
            <numerusform>%n кандидати, від найімовірнішого.</numerusform>
            <numerusform>%n кандидатів, від найімовірнішого.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n rejected.</source>
        <translation>
            <numerusform>%n відхилено.</numerusform>
            <numerusform>%n відхилено.</numerusform>
            <numerusform>%n відхилено.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 · %2, born %3</source>
        <translation>%1 · %2, дата народження: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unit %1</source>
        <translation>військова частина %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disappeared: %1</source>
        <translation>Зникнення: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score %1: %2</source>
        <translation>Бал %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 by %2: %3</source>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 by %2.</source>
        <translation>%1 — %2.</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <location filename="../../ui/cases/detail.py" line="+66"/>
        <source>Case file</source>
        <translation>Справа</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not on the manifest</source>
        <translation>Немає у списку</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Case</source>
        <translation>&amp;Справа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Identity</source>
        <translation>&amp;Особа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Effects</source>
        <translation>&amp;Речі</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Photos</source>
        <translation>&amp;Фото</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ustody</source>
        <translation>&amp;Ланцюг передачі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;History</source>
        <translation>&amp;Історія</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the changed fields (Ctrl+S)</source>
        <translation>Зберегти змінені поля (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forensics…</source>
        <translation>Су&amp;дмедекспертиза…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record examination, samples, identification and release</source>
        <translation>Зареєструвати дослідження, зразки, ідентифікацію та видачу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case s&amp;heet…</source>
        <translation>Кар&amp;тка справи…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print this case on one or two A4 pages</source>
        <translation>Надрукувати справу на одній-двох сторінках A4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Void case…</source>
        <translation>&amp;Скасувати справу…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Void a case recorded in error, with the reason (supervisors)</source>
        <translation>Скасувати справу, внесену помилково, із зазначенням причини (керівники)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Save or discard your changes to this case first.</source>
        <translation>Спершу збережіть або відкиньте свої зміни в цій справі.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case %1 is void.</source>
        <translation>Справу %1 скасовано.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Case file %1</source>
        <translation>Справа %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Round %1 · tag %2 · %3</source>
        <translation>Раунд %1 · бирка %2 · %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>identified as %1</source>
        <translation>ідентифіковано як %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>claimed: %1</source>
        <translation>заявлено: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VOID: %1</source>
        <translation>СКАСОВАНО: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Effects (%1)</source>
        <translation>&amp;Речі (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Photos (%1)</source>
        <translation>&amp;Фото (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C&amp;ustody (%1)</source>
        <translation>&amp;Ланцюг передачі (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;History (%1)</source>
        <translation>&amp;Історія (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>linked</source>
        <translation>пов’язано</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Nothing to save: no field was changed.</source>
        <translation>Нічого зберігати: жодне поле не змінено.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved.</source>
        <translation>Збережено.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reloaded: their version is shown; your change was not saved.</source>
        <translation>Перезавантажено: показано їхню версію; вашу зміну не збережено.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unsaved changes</source>
        <translation>Незбережені зміни</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard your changes to this case?</source>
        <translation>Відкинути ваші зміни в цій справі?</translation>
    </message>
    <message>
        <location line="-264"/>
        <source>Can&amp;didates</source>
        <translation>Ка&amp;ндидати</translation>
    </message>
</context>
<context>
    <name>CaseFields</name>
    <message>
        <location filename="../../ui/cases/fields.py" line="+18"/>
        <source>Case number</source>
        <translation>Номер справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport unit</source>
        <translation>Транспортний засіб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest line</source>
        <translation>Рядок списку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part of case</source>
        <translation>Частина справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender&apos;s tag</source>
        <translation>Бирка сторони, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not on the manifest</source>
        <translation>Немає у списку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bag number</source>
        <translation>Номер мішка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apparent sex</source>
        <translation>Стать (візуально)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age group</source>
        <translation>Вікова група</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage location</source>
        <translation>Місце зберігання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed name</source>
        <translation>Заявлене ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed date of birth</source>
        <translation>Заявлена дата народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed citizenship</source>
        <translation>Заявлене громадянство</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source of the claim</source>
        <translation>Джерело заявлених даних</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Established name</source>
        <translation>Встановлене ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Established date of birth</source>
        <translation>Встановлена дата народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identification method</source>
        <translation>Метод ідентифікації</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identified by</source>
        <translation>Хто ідентифікував</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identified on</source>
        <translation>Дата ідентифікації</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received at</source>
        <translation>Час приймання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by</source>
        <translation>Хто прийняв</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Видалено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Опис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Кількість</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Container / seal</source>
        <translation>Пакування / пломба</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Photo</source>
        <translation>Фото</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File name</source>
        <translation>Назва файлу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File type</source>
        <translation>Тип файлу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size (bytes)</source>
        <translation>Розмір (байтів)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption</source>
        <translation>Підпис</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case</source>
        <translation>Справа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal effect</source>
        <translation>Особиста річ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending side&apos;s list</source>
        <translation>Список сторони, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents or the officer</source>
        <translation>Документи або працівник</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Yes</source>
        <translation>Так</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Ні</translation>
    </message>
</context>
<context>
    <name>CaseTab</name>
    <message>
        <location filename="../../ui/cases/case_tab.py" line="+38"/>
        <source>Receipt</source>
        <translation>Приймання</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Case number:</source>
        <translation>Номер справи:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender&apos;s tag:</source>
        <translation>Бирка сторони, що передає:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round:</source>
        <translation>Раунд:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport unit:</source>
        <translation>Транспортний засіб:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received at:</source>
        <translation>Час приймання:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not on the manifest:</source>
        <translation>Немає у списку:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description (editable)</source>
        <translation>Опис (можна змінювати)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Bag number:</source>
        <translation>&amp;Номер мішка:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;tegory:</source>
        <translation>&amp;Категорія:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition:</source>
        <translation>Стан:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apparent se&amp;x:</source>
        <translation>&amp;Стать (візуально):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ge group:</source>
        <translation>&amp;Вікова група:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage &amp;location:</source>
        <translation>&amp;Місце зберігання:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>&amp;Примітки:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Recorded as %2, a number another laptop issued too (case %3).</source>
        <translation>Записано як %2 — цей номер видав також інший ноутбук (справа %3).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another laptop issued this number too (case %3).</source>
        <translation>Цей номер видав також інший ноутбук (справа %3).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Listed for the supervisor under Probable duplicates.</source>
        <translation>Керівник бачить це в розділі «Імовірні дублікати».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/cases/model.py" line="+207"/>
        <source>Not on the sending side&apos;s list: recorded as a discrepancy.</source>
        <translation>Немає у списку сторони, що передає: зафіксовано як розбіжність.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Click to sort by this column</source>
        <translation>Клацніть, щоб упорядкувати за цим стовпцем</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Case number</source>
        <translation>Номер справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender&apos;s tag</source>
        <translation>Бирка сторони, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bag</source>
        <translation>Мішок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed name</source>
        <translation>Заявлене ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Прийнято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage location</source>
        <translation>Місце зберігання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <location filename="../../ui/cases/view.py" line="+74"/>
        <source>Case number, tag or name — Ctrl+F</source>
        <translation>Номер справи, бирка або ПІБ — Ctrl+F</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search cases</source>
        <translation>Пошук справ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search:</source>
        <translation>&amp;Пошук:</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>Counting…</source>
        <translation>Підрахунок…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>1 case</source>
        <translation>1 справа</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln cases</source>
        <translation>
            <numerusform>%Ln справа</numerusform>
            <numerusform>%Ln справи</numerusform>
            <numerusform>%Ln справ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../ui/documents/certificate.py" line="+76"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Вид:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases:</source>
        <translation>Справи:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The &amp;whole round (%n case(s))</source>
        <translation>
            <numerusform>&amp;Увесь раунд (%n справа)</numerusform>
            <numerusform>&amp;Увесь раунд (%n справи)</numerusform>
            <numerusform>&amp;Увесь раунд (%n справ)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One &amp;transport unit:</source>
        <translation>Один &amp;транспортний засіб:</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The chosen case(s) (%n)</source>
        <translation>
            <numerusform>Вибрані справи (%n)</numerusform>
            <numerusform>Вибрані справи (%n)</numerusform>
            <numerusform>Вибрані справи (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Place:</source>
        <translation>&amp;Місце:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date:</source>
        <translation>&amp;Дата:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ime:</source>
        <translation>&amp;Час:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HH:MM</source>
        <translation>ГГ:ХХ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave empty to use the moment of issue.</source>
        <translation>Залиште порожнім, щоб використати момент оформлення.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>Пр&amp;имітки:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;draft</source>
        <translation>Зберегти ч&amp;ернетку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre&amp;view</source>
        <translation>Попередній &amp;перегляд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the draft and show it (F5)</source>
        <translation>Зберегти чернетку й показати її (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue…</source>
        <translation>О&amp;формити…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only clerks and supervisors issue certificates.</source>
        <translation>Акти оформлюють лише діловоди та керівники.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>Д&amp;рукувати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as P&amp;DF…</source>
        <translation>Зберегти як P&amp;DF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;orrect…</source>
        <translation>Виправи&amp;ти…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prepare a new certificate that supersedes this one (an issued certificate is never edited)</source>
        <translation>Підготувати новий акт, що замінить цей (оформлений акт ніколи не редагують)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Void…</source>
        <translation>&amp;Анулювати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dis&amp;card draft…</source>
        <translation>&amp;Скасувати чернетку…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрити</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New certificate for round %1 (not saved yet)</source>
        <translation>Новий акт для раунду %1 (ще не збережено)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Draft %1, round %2: %n case(s)</source>
        <translation>
            <numerusform>Чернетка %1, раунд %2: %n справа</numerusform>
            <numerusform>Чернетка %1, раунд %2: %n справи</numerusform>
            <numerusform>Чернетка %1, раунд %2: %n справ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(corrects %1)</source>
        <translation>(виправляє %1)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Certificate %1, issued %2 by %3: %n case(s)</source>
        <translation>
            <numerusform>Акт %1, оформлено %2, оформив %3: %n справа</numerusform>
            <numerusform>Акт %1, оформлено %2, оформив %3: %n справи</numerusform>
            <numerusform>Акт %1, оформлено %2, оформив %3: %n справ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Certificate %1 is VOID: %2</source>
        <translation>Акт %1 АНУЛЬОВАНО: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Superseded by %1.</source>
        <translation>Замінено актом %1.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Preparing the preview…</source>
        <translation>Підготовка попереднього перегляду…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preparing the certificate</source>
        <translation>Підготовка акта</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cancelled.</source>
        <translation>Скасовано.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The document could not be prepared.</source>
        <translation>Не вдалося підготувати документ.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>It corrects %1: issuing it voids %1, whose events are kept and marked as belonging to a voided act.</source>
        <translation>Він виправляє %1: видання скасовує %1, а його події зберігаються з позначкою, що вони належать скасованому акту.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issue certificate</source>
        <translation>Оформити акт</translation>
    </message>
    <message numerus="yes">
        <location line="-11"/>
        <source>Issue certificate %1 listing %n case(s)?

Once issued it can never be changed: a mistake is corrected by a new certificate that supersedes it. A custody event is recorded for every case.</source>
        <translation>
            <numerusform>Оформити акт %1 на %n справу?

Оформлений акт ніколи не змінюють: помилку виправляють новим актом, що замінює цей. Для кожної справи буде записано подію передачі.</numerusform>
            <numerusform>Оформити акт %1 на %n справи?

Оформлений акт ніколи не змінюють: помилку виправляють новим актом, що замінює цей. Для кожної справи буде записано подію передачі.</numerusform>
            <numerusform>Оформити акт %1 на %n справ?

Оформлений акт ніколи не змінюють: помилку виправляють новим актом, що замінює цей. Для кожної справи буде записано подію передачі.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Issuing the certificate</source>
        <translation>Оформлення акта</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Void certificate</source>
        <translation>Анулювати акт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is certificate %1 void? The reason is kept with it.</source>
        <translation>Чому акт %1 анулюється? Причину буде збережено разом з ним.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Discard draft</source>
        <translation>Скасувати чернетку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard draft %1? Its number stays in the records, marked void.</source>
        <translation>Скасувати чернетку %1? Її номер залишиться в записах із позначкою «анульовано».</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unsaved changes</source>
        <translation>Незбережені зміни</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to this draft before closing?</source>
        <translation>Зберегти зміни в цій чернетці перед закриттям?</translation>
    </message>
</context>
<context>
    <name>CertificatesDialog</name>
    <message>
        <location filename="../../ui/documents/certificate_list.py" line="+65"/>
        <source>Handover certificates</source>
        <translation>Акти приймання-передачі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cases</source>
        <translation>Справи</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued</source>
        <translation>Дата оформлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New certificate…</source>
        <translation>&amp;Новий акт…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>&amp;Відкрити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрити</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Superseded by %1</source>
        <translation>Замінено актом %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corrects %1</source>
        <translation>Виправляє %1</translation>
    </message>
</context>
<context>
    <name>ConflictBanner</name>
    <message>
        <location filename="../../ui/cases/conflict.py" line="+30"/>
        <source>&amp;Reload (keep theirs)</source>
        <translation>Завантажити &amp;їхню версію</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Apply mine on top</source>
        <translation>&amp;Застосувати мої зміни поверх</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(no visible field)</source>
        <translation>(немає видимого поля)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Their change:</source>
        <translation>Їхня зміна:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your change:</source>
        <translation>Ваша зміна:</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/sync/conflicts.py" line="+138"/>
        <source>Conflicts</source>
        <translation>Конфлікти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;how:</source>
        <translation>&amp;Показати:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open conflicts</source>
        <translation>Неврегульовані конфлікти</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolved conflicts</source>
        <translation>Врегульовані конфлікти</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All conflicts</source>
        <translation>Усі конфлікти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a supervisor can resolve conflicts; you see them read-only.</source>
        <translation>Врегульовувати конфлікти може лише керівник; ви бачите їх тільки для перегляду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another value</source>
        <translation>Інше значення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neither is right? Type the correct value:</source>
        <translation>Жодне не правильне? Введіть правильне значення:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Use this value</source>
        <translation>&amp;Використати це значення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open c&amp;ase</source>
        <translation>Відкрити &amp;справу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Оновити</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n open conflict(s).</source>
        <translation>
            <numerusform>%n неврегульований конфлікт.</numerusform>
            <numerusform>%n неврегульовані конфлікти.</numerusform>
            <numerusform>%n неврегульованих конфліктів.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No open conflicts.</source>
        <translation>Неврегульованих конфліктів немає.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n resolved conflict(s).</source>
        <translation>
            <numerusform>%n врегульований конфлікт.</numerusform>
            <numerusform>%n врегульовані конфлікти.</numerusform>
            <numerusform>%n врегульованих конфліктів.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n conflict(s).</source>
        <translation>
            <numerusform>%n конфлікт.</numerusform>
            <numerusform>%n конфлікти.</numerusform>
            <numerusform>%n конфліктів.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Before the competing edits: %1</source>
        <translation>До суперечливих змін: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until a supervisor chooses, every database shows value %1.</source>
        <translation>Доки керівник не вибере, усі бази даних показують значення %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resolved by %1 on %2: %3.</source>
        <translation>Врегульовано %2 (%1): %3.</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location line="-338"/>
        <source>Record</source>
        <translation>Запис</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shown now</source>
        <translation>Показано зараз</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Values</source>
        <translation>Значення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last edit</source>
        <translation>Остання зміна</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Open</source>
        <translation>Неврегульований</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved by %1</source>
        <translation>Врегульовано: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolved</source>
        <translation>Врегульовано</translation>
    </message>
</context>
<context>
    <name>CustodyTable</name>
    <message>
        <location filename="../../ui/cases/record_tables.py" line="+64"/>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Подія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place</source>
        <translation>Місце</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>Від кого</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seals before</source>
        <translation>Пломби до</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seals after</source>
        <translation>Пломби після</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Witnesses</source>
        <translation>Свідки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recorded by</source>
        <translation>Хто записав</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (act %2)</source>
        <translation>%1 (акт %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — act voided</source>
        <translation>%1 — акт скасовано</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Only rounds &amp;from</source>
        <translation type="vanished">Лише раунди &amp;з</translation>
    </message>
    <message>
        <location filename="../../ui/reconciliation/dashboard.py" line="+218"/>
        <source>Figures:</source>
        <translation>Показники:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Progress</source>
        <translation>&amp;Хід роботи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declared, on the list, received, certified, examined, sampled, identified, released, returned</source>
        <translation>Заявлено, у списку, прийнято, засвідчено актом, досліджено, зі зразками, ідентифіковано, видано, повернуто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discrepanc&amp;ies</source>
        <translation>Роз&amp;біжності</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every kind of discrepancy, one column each</source>
        <translation>Кожен вид розбіжностей, по стовпцю на кожен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All fi&amp;gures</source>
        <translation>&amp;Усі показники</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every figure (wider than most screens)</source>
        <translation>Усі показники (ширше за більшість екранів)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Only rounds from</source>
        <translation>&amp;Лише раунди з</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Оновити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring the figures up to date (F5)</source>
        <translation>Оновити показники (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute &amp;all</source>
        <translation>Перерахувати &amp;все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute every round&apos;s figures afresh from the records, ignoring what was kept</source>
        <translation>Заново обчислити показники кожного раунду із записів, не зважаючи на збережені</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discrepancies…</source>
        <translation>&amp;Розбіжності…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain or resolve the discrepancies of the selected round</source>
        <translation>Пояснити або врегулювати розбіжності вибраного раунду</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report…</source>
        <translation>&amp;Звіт…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the reconciliation of the rounds shown (or selected) as PDF or CSV</source>
        <translation>Записати звіряння показаних (або вибраних) раундів у PDF або CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Liaison &amp;letter…</source>
        <translation>Лис&amp;т для зв’язку з родинами…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the letter for the family liaison officers about the selected round: its figures only, no personal data</source>
        <translation>Записати лист для офіцерів зв’язку з родинами про вибраний раунд: лише його показники, без персональних даних</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Declared, received and identified per round</source>
        <translation>Заявлено, прийнято й ідентифіковано за раундами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress over time</source>
        <translation>Динаміка в часі</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The start of the period is after its end.</source>
        <translation>Початок періоду пізніший за його кінець.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recomputing the figures from the records…</source>
        <translation>Перерахунок показників із записів…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Computing the figures…</source>
        <translation>Обчислення показників…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Computing the figures: round %1 of %2…</source>
        <translation>Обчислення показників: раунд %1 з %2…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No rounds in this period.</source>
        <translation>У цьому періоді немає раундів.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n round(s): %1 received of %2 declared, %3 identified; %4 discrepancies not explained.</source>
        <translation>
            <numerusform>%n раунд: прийнято %1 із %2 заявлених, ідентифіковано %3; непояснених розбіжностей: %4.</numerusform>
            <numerusform>%n раунди: прийнято %1 із %2 заявлених, ідентифіковано %3; непояснених розбіжностей: %4.</numerusform>
            <numerusform>%n раундів: прийнято %1 із %2 заявлених, ідентифіковано %3; непояснених розбіжностей: %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+89"/>
        <source>%n round(s)</source>
        <translation>
            <numerusform>%n раунд</numerusform>
            <numerusform>%n раунди</numerusform>
            <numerusform>%n раундів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Discrepancies</source>
        <translation>Розбіжності</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+40"/>
        <source>There are no rounds yet.</source>
        <translation>Раундів ще немає.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Report</source>
        <translation>Звіт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>There are no rounds to report on.</source>
        <translation>Немає раундів для звіту.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV table (*.csv)</source>
        <translation>Таблиця CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the reconciliation report</source>
        <translation>Зберегти звіт про звіряння</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+18"/>
        <source>Saved %1.</source>
        <translation>Збережено %1.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Writing the reconciliation report</source>
        <translation>Запис звіту про звіряння</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select the round the letter is about (one row of the table).</source>
        <translation>Виберіть раунд, якого стосується лист (один рядок таблиці).</translation>
    </message>
    <message>
        <source>Declared, on the list, received, certified, examined, identified, released, returned</source>
        <translation type="vanished">Заявлено, у списку, прийнято, засвідчено актом, досліджено, ідентифіковано, видано, повернуто</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location filename="../../ui/sync/devices/dialog.py" line="+41"/>
        <source>Devices and keys</source>
        <translation>Пристрої та ключі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This device</source>
        <translation>Цей пристрій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device code:</source>
        <translation>Код пристрою:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key fingerprint:</source>
        <translation>Відбиток ключа:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The headquarters compares this fingerprint (or scans the QR code) before it trusts the bundles of this device.</source>
        <translation>Штаб звіряє цей відбиток (або сканує QR-код), перш ніж довіряти пакетам цього пристрою.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the &amp;public key…</source>
        <translation>Зберегти відкритий &amp;ключ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This device&apos;s signing key as a PEM file, to check its bundles&apos; signatures with standard tools.</source>
        <translation>Ключ підпису цього пристрою у файлі PEM — щоб перевіряти підписи його пакетів стандартними засобами.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the &amp;headquarters&apos; key…</source>
        <translation>Зберегти ключ &amp;штабу…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The public key the laptops encrypt their bundles for; give the file to each laptop. Its private half stays in this database.</source>
        <translation>Відкритий ключ, для якого ноутбуки шифрують свої пакети; передайте цей файл на кожен ноутбук. Його закрита частина залишається в цій базі даних.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rounds this device receives</source>
        <translation>Раунди, які отримує цей пристрій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All rounds</source>
        <translation>&amp;Усі раунди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Only the rounds ticked below (and its own)</source>
        <translation>&amp;Лише позначені нижче раунди (і власні)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Other round codes:</source>
        <translation>&amp;Інші коди раундів:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. R-2026-07-01, R-2026-07-15</source>
        <translation>напр. R-2026-07-01, R-2026-07-15</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes of rounds not in this database yet, separated by commas</source>
        <translation>Коди раундів, яких ще немає в цій базі даних, через кому</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sa&amp;ve the choice</source>
        <translation>З&amp;берегти вибір</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices known here</source>
        <translation>Відомі тут пристрої</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trust…</source>
        <translation>&amp;Довіряти…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke…</source>
        <translation>&amp;Відкликати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a supervisor can trust or revoke devices.</source>
        <translation>Позначати пристрої довіреними або відкликати довіру може лише керівник.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundles held in quarantine</source>
        <translation>Пакети, затримані в карантині</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import held bundles</source>
        <translation>Імпортувати &amp;затримані</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bundle from a device not trusted here waits here until a supervisor trusts the device (after comparing its key fingerprint) and imports its held bundles.</source>
        <translation>Пакет від пристрою, якому тут не довіряють, чекає тут, доки керівник не позначить пристрій довіреним (звіривши відбиток його ключа) і не імпортує його затримані пакети.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the bundles held for the chosen device, once it is trusted.</source>
        <translation>Імпортувати пакети, затримані для вибраного пристрою, коли йому вже довіряють.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 is trusted (key %2).</source>
        <translation>Пристрій %1 — довірений (ключ %2).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Stopped; nothing was imported. The device may already be trusted: import its held bundles with Import held bundles.</source>
        <translation>Зупинено; нічого не імпортовано. Можливо, пристрій уже довірений: імпортуйте його затримані пакети кнопкою «Імпортувати затримані».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Trusting %1</source>
        <translation>Позначення пристрою %1 довіреним</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoke %1?</source>
        <translation>Відкликати довіру до %1?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop accepting bundles signed by %1 (key %2)? Its future bundles will be held in quarantine until it is trusted again. What was imported stays.</source>
        <translation>Припинити приймати пакети, підписані пристроєм %1 (ключ %2)? Його наступні пакети затримуватимуться в карантині, доки йому знову не довірять. Уже імпортоване залишиться.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 is revoked.</source>
        <translation>Довіру до пристрою %1 відкликано.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Stopped; the database is as it was and the bundles stay held.</source>
        <translation>Зупинено; база даних не змінилася, пакети залишаються затриманими.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importing the held bundles of %1</source>
        <translation>Імпорт затриманих пакетів пристрою %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This device now receives all rounds.</source>
        <translation>Тепер цей пристрій отримує всі раунди.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This device now receives the rounds %1 (and the ones made on it).</source>
        <translation>Тепер цей пристрій отримує раунди %1 (і ті, що створені на ньому).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Public keys (*.pem)</source>
        <translation>Відкриті ключі (*.pem)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot write %1: %2.</source>
        <translation>Не вдається записати %1: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved %1.</source>
        <translation>Збережено %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save this device&apos;s public key</source>
        <translation>Зберегти відкритий ключ цього пристрою</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save the headquarters&apos; key</source>
        <translation>Зберегти ключ штабу</translation>
    </message>
</context>
<context>
    <name>DevicesModel</name>
    <message>
        <location filename="../../ui/sync/devices/models.py" line="+66"/>
        <source>Device</source>
        <translation>Пристрій</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key fingerprint</source>
        <translation>Відбиток ключа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held bundles</source>
        <translation>Затримані пакети</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last import</source>
        <translation>Останній імпорт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up to change</source>
        <translation>До зміни №</translation>
    </message>
</context>
<context>
    <name>DiscardBagBox</name>
    <message>
        <location filename="../../ui/intake/questions.py" line="+46"/>
        <source>Discard this bag</source>
        <translation>Очистити форму мішка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard everything typed for this bag? Nothing has been saved for it.</source>
        <translation>Відкинути все, що введено для цього мішка? Для нього ще нічого не збережено.</translation>
    </message>
</context>
<context>
    <name>DiscrepanciesDialog</name>
    <message>
        <location filename="../../ui/reconciliation/discrepancies.py" line="+272"/>
        <source>Discrepancies</source>
        <translation>Розбіжності</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show:</source>
        <translation>&amp;Показати:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unexplained only</source>
        <translation>Лише &amp;непояснені</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All discrepancies</source>
        <translation>Усі розбіжності</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Explain…</source>
        <translation>По&amp;яснити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolve</source>
        <translation>&amp;Врегулювати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open</source>
        <translation>Відкрити з&amp;нову</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;case</source>
        <translation>Відкрити &amp;справу</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n discrepancy(-ies) listed; </source>
        <translation>
            <numerusform>У списку %n розбіжність; </numerusform>
            <numerusform>У списку %n розбіжності; </numerusform>
            <numerusform>У списку %n розбіжностей; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n not explained in all.</source>
        <translation>
            <numerusform>усього не пояснено %n.</numerusform>
            <numerusform>усього не пояснено %n.</numerusform>
            <numerusform>усього не пояснено %n.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Saving the explanations</source>
        <translation>Збереження пояснень</translation>
    </message>
</context>
<context>
    <name>DiscrepanciesModel</name>
    <message>
        <location line="-248"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discrepancy</source>
        <translation>Розбіжність</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>Запис</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Подробиці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explanation</source>
        <translation>Пояснення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Explained by</source>
        <translation>Хто пояснив</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolved</source>
        <translation>Врегульовано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List line %1</source>
        <translation>Рядок списку %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no tag</source>
        <translation>без бирки</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>declared %1, counted %2</source>
        <translation>заявлено %1, пораховано %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seals %1</source>
        <translation>пломби %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>field %1</source>
        <translation>поле %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Settled in the merge view</source>
        <translation>Врегульовується в поданні злиття</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Yes</source>
        <translation>Так</translation>
    </message>
</context>
<context>
    <name>DocumentPreviewDialog</name>
    <message>
        <location filename="../../ui/documents/preview.py" line="+283"/>
        <source>&amp;Print…</source>
        <translation>&amp;Друкувати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Зберегти як PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрити</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../ui/documents/texts.py" line="+15"/>
        <source>Acceptance from the sending side</source>
        <translation>Приймання від сторони, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer to a forensic institution</source>
        <translation>Передача до судово-медичної установи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release to the family</source>
        <translation>Видача родині</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft</source>
        <translation>Чернетка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>Оформлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void</source>
        <translation>Анульовано</translation>
    </message>
    <message>
        <location filename="../../ui/documents/certificate_form.py" line="+48"/>
        <source>Sending party</source>
        <translation>Сторона, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving party</source>
        <translation>Сторона, що приймає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intermediary</source>
        <translation>Посередник</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transferring party</source>
        <translation>Сторона, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forensic institution</source>
        <translation>Судово-медична установа</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Intermediary (optional)</source>
        <translation>Посередник (за наявності)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Releasing institution</source>
        <translation>Установа, що видає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family (recipient)</source>
        <translation>Родина (отримувач)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/texts.py" line="+3"/>
        <source>the sending party</source>
        <translation>сторона, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the receiving party</source>
        <translation>сторона, що приймає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the intermediary</source>
        <translation>посередник</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the certificate lists no cases</source>
        <translation>в акті немає жодної справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the place is missing</source>
        <translation>не зазначено місце</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not named</source>
        <translation>не зазначено: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no representative</source>
        <translation>немає представника: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no witness</source>
        <translation>немає жодного свідка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the certificate it corrects is no longer issued</source>
        <translation>акт, який він виправляє, уже не є чинним</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>these cases are already on an issued certificate of this kind: %2</source>
        <translation>ці справи вже внесено до оформленого акта цього виду: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>witness %3 of %1 has no name</source>
        <translation>свідок %3 (%1) без імені</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>witness %3 of %1 (%4) has no identity document</source>
        <translation>у свідка %3 (%1, %4) не зазначено документа, що посвідчує особу</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>representative %3 of %1 has no name</source>
        <translation>представник %3 (%1) без імені</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>representative %3 of %1 (%4) has no identity document</source>
        <translation>у представника %3 (%1, %4) не зазначено документа, що посвідчує особу</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no name</source>
        <translation>без імені</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Certificate %1 cannot be issued yet:</source>
        <translation>Акт %1 ще не можна оформити:</translation>
    </message>
    <message>
        <location filename="../../ui/documents/preview.py" line="-224"/>
        <source>The printer could not be started.</source>
        <translation>Не вдалося запустити друк.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printing…</source>
        <translation>Друк…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location filename="../../ui/documents/case_documents.py" line="+161"/>
        <source>Preparing bag labels</source>
        <translation>Підготовка бирок на мішки</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+20"/>
        <source>Bag labels</source>
        <translation>Бирки на мішки</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Preparing the case sheet</source>
        <translation>Підготовка картки справи</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case sheet</source>
        <translation>Картка справи</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/documents/verify.py" line="+39"/>
        <source>VALID. Certificate %1 (round %2, %n case(s)) was issued on %4 and is in force.</source>
        <translation>
            <numerusform>ЧИННИЙ. Акт %1 (раунд %2, %n справа) оформлено %4; він має чинність.</numerusform>
            <numerusform>ЧИННИЙ. Акт %1 (раунд %2, %n справи) оформлено %4; він має чинність.</numerusform>
            <numerusform>ЧИННИЙ. Акт %1 (раунд %2, %n справ) оформлено %4; він має чинність.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>VOID. Certificate %1 was voided on %2: %3</source>
        <translation>АНУЛЬОВАНО. Акт %1 анульовано %2: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SUPERSEDED. Certificate %1 was replaced by %2; use the new certificate.</source>
        <translation>ЗАМІНЕНО. Акт %1 замінено актом %2; користуйтеся новим актом.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CONTENT DOES NOT MATCH. The stored record of %1 fails its own checksum; tell a supervisor.</source>
        <translation>ВМІСТ НЕ ЗБІГАЄТЬСЯ. Збережений запис %1 не проходить перевірку власної контрольної суми; повідомте керівника.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CONTENT DOES NOT MATCH. This paper is not a true copy of certificate %1 as issued.</source>
        <translation>ВМІСТ НЕ ЗБІГАЄТЬСЯ. Цей паперовий примірник не є точною копією оформленого акта %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DRAFT. %1 was never issued and has no force.</source>
        <translation>ЧЕРНЕТКА. %1 не було оформлено, документ не має сили.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NUMBER ISSUED TWICE. Two laptops set up under one device code both issued certificate %1; scan the QR code to tell which one this paper is.</source>
        <translation>НОМЕР ВИДАНО ДВІЧІ. Два ноутбуки з одним кодом пристрою видали акт %1; відскануйте QR-код, щоб визначити, який саме це документ.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>UNKNOWN. Certificate %1 is not in this database; if it was issued on another laptop, import that laptop&apos;s data first.</source>
        <translation>НЕВІДОМО. Акта %1 немає в цій базі даних; якщо його оформлено на іншому ноутбуці, спершу імпортуйте дані з того ноутбука.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>UNKNOWN. This is not a Repat certificate code.</source>
        <translation>НЕВІДОМО. Це не код акта Repat.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only the number was checked; scan the QR code to check the content as well.</source>
        <translation>Перевірено лише номер; зіскануйте QR-код, щоб перевірити й вміст.</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../ui/intake/draft_keeper.py" line="+111"/>
        <source>Typing kept as a draft at %1</source>
        <translation>Введене збережено як чернетку о %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The draft could not be kept: %1</source>
        <translation>Не вдалося зберегти чернетку: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Unsaved bag</source>
        <translation>Незбережений мішок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the unsaved bag you were typing?</source>
        <translation>Відновити незбережений мішок, який ви вводили?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag: %1</source>
        <translation>Бирка: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name: %1</source>
        <translation>ПІБ: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last typed: %1</source>
        <translation>Востаннє введено: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It was typed for another round; check the round before saving.</source>
        <translation>Його вводили для іншого раунду; перевірте раунд перед збереженням.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore</source>
        <translation>&amp;Відновити</translation>
    </message>
</context>
<context>
    <name>DrillModel</name>
    <message>
        <location filename="../../ui/reconciliation/figure_list.py" line="+62"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag</source>
        <translation>Бирка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Claimed name</source>
        <translation>Заявлене ПІБ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>Подробиці</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Line %1</source>
        <translation>Рядок %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>identified as %1</source>
        <translation>ідентифіковано як %1</translation>
    </message>
</context>
<context>
    <name>DuplicateTagBox</name>
    <message>
        <location filename="../../ui/intake/questions.py" line="-28"/>
        <source>Tag already received</source>
        <translation>Бирку вже прийнято</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag %1 was already received in this round as %2.</source>
        <translation>Бирку %1 у цьому раунді вже прийнято як %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record this as another bag with the same tag? A duplicate-tag discrepancy will be recorded.</source>
        <translation>Зареєструвати це як інший мішок із такою самою биркою? Буде зафіксовано розбіжність «повторна бирка».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Record as another bag</source>
        <translation>&amp;Зареєструвати як інший мішок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;No, check the bag</source>
        <translation>&amp;Ні, перевірити мішок</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../ui/sync/duplicates.py" line="+211"/>
        <source>Probable duplicates</source>
        <translation>Імовірні дублікати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;how:</source>
        <translation>По&amp;казати:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Нерозглянуті</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Linked as the same remains</source>
        <translation>Пов’язані як ті самі останки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dismissed</source>
        <translation>Відхилені</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Усі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a supervisor can link or dismiss; you see them read-only.</source>
        <translation>Пов’язувати або відхиляти може лише керівник; ви бачите їх тільки для перегляду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note:</source>
        <translation>Пр&amp;имітка:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>why (optional), e.g. the DNA report number</source>
        <translation>чому (необов’язково), напр. номер висновку ДНК-експертизи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Link as the same remains…</source>
        <translation>&amp;Пов’язати як ті самі останки…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dismiss…</source>
        <translation>&amp;Відхилити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;first</source>
        <translation>Відкрити пер&amp;шу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;second</source>
        <translation>Відкрити &amp;другу</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n probable duplicate(s) to decide.</source>
        <translation>
            <numerusform>%n імовірний дублікат очікує рішення.</numerusform>
            <numerusform>%n імовірні дублікати очікують рішення.</numerusform>
            <numerusform>%n імовірних дублікатів очікують рішення.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No probable duplicates to decide.</source>
        <translation>Немає імовірних дублікатів, що очікують рішення.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n probable duplicate(s).</source>
        <translation>
            <numerusform>%n імовірний дублікат.</numerusform>
            <numerusform>%n імовірні дублікати.</numerusform>
            <numerusform>%n імовірних дублікатів.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Linked to</source>
        <translation>Пов’язано з</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>First: %1</source>
        <translation>Перший запис: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Second: %1</source>
        <translation>Другий запис: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Link as the same remains?</source>
        <translation>Пов’язати як ті самі останки?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record that %1 and %2 are the same remains? Both cases stay; the later one points to the earlier one. The decision travels to every database with the next bundle.</source>
        <translation>Зафіксувати, що %1 і %2 — це ті самі останки? Обидві справи залишаться; пізніша посилатиметься на ранішу. Рішення потрапить до всіх баз даних із наступним пакетом.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dismiss the flag?</source>
        <translation>Зняти позначку?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record that %1 and %2 are different remains? The flag is closed in every database with the next bundle.</source>
        <translation>Зафіксувати, що %1 і %2 — це різні останки? Позначку буде знято в усіх базах даних із наступним пакетом.</translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <location line="-312"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First record</source>
        <translation>Перший запис</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Second record</source>
        <translation>Другий запис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flagged</source>
        <translation>Позначено</translation>
    </message>
</context>
<context>
    <name>EffectsBox</name>
    <message>
        <location filename="../../ui/intake/field_groups.py" line="+195"/>
        <source>Personal effects</source>
        <translation>Особисті речі</translation>
    </message>
</context>
<context>
    <name>EffectsEditor</name>
    <message>
        <location filename="../../ui/intake/effects_editor.py" line="+193"/>
        <source>Personal effects</source>
        <translation>Особисті речі</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>Опис</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qty</source>
        <translation>К-сть</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Container / seal</source>
        <translation>Пакування / пломба</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Insert adds an item, Delete removes the current one; F2 or typing edits a cell.</source>
        <translation>Insert додає річ, Delete вилучає поточну; F2 або введення тексту змінює клітинку.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add ite&amp;m (Ins)</source>
        <translation>Додати &amp;річ (Ins)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove item (Del)</source>
        <translation>Вилучити річ (Del)</translation>
    </message>
</context>
<context>
    <name>EffectsTable</name>
    <message>
        <location filename="../../ui/cases/record_tables.py" line="-41"/>
        <source>Category</source>
        <translation>Категорія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>Опис</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantity</source>
        <translation>Кількість</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Container / seal</source>
        <translation>Пакування / пломба</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/widgets/service_messages.py" line="+364"/>
        <source>Something went wrong: %1. Details are in the log.</source>
        <translation>Сталася помилка: %1. Подробиці записано в журнал.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/errors.py" line="+73"/>
        <source>Unexpected error</source>
        <translation>Неочікувана помилка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your saved work is safe. The details were written to the log file:
%1</source>
        <translation>Збережені дані не постраждали. Подробиці записано у файл журналу:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/inline_error.py" line="+24"/>
        <source>Error</source>
        <translation>Помилка</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../ui/sync/common.py" line="+34"/>
        <source>devices</source>
        <translation>пристрої</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user accounts</source>
        <translation>облікові записи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rounds</source>
        <translation>раунди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>transport units</source>
        <translation>транспортні засоби</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manifest lines</source>
        <translation>рядки списку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cases</source>
        <translation>справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>personal effects</source>
        <translation>особисті речі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photos and scans</source>
        <translation>фото та скан-копії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custody events</source>
        <translation>події ланцюга передачі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>certificates</source>
        <translation>акти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>certificate lines</source>
        <translation>рядки актів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discrepancies</source>
        <translation>розбіжності</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate decisions</source>
        <translation>рішення щодо дублікатів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>samples</source>
        <translation>зразки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>releases</source>
        <translation>видачі</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case</source>
        <translation>Справа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Користувач</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>Пристрій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport unit</source>
        <translation>Транспортний засіб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate</source>
        <translation>Акт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case listed on certificate</source>
        <translation>Справу внесено до акта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal effect</source>
        <translation>Особиста річ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody event</source>
        <translation>Подія ланцюга передачі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest line</source>
        <translation>Рядок списку</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported</source>
        <translation>Імпортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>Готовий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarantined</source>
        <translation>У карантині</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already imported</source>
        <translation>Уже імпортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This device&apos;s own</source>
        <translation>Власний пакет цього пристрою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>Відхилено</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This device</source>
        <translation>Цей пристрій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted</source>
        <translation>Довірений</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation>Відкликаний</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>Невідомий</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The device is not trusted here yet.</source>
        <translation>Пристрій тут ще не довірений.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The device has been revoked here.</source>
        <translation>Довіру до цього пристрою тут відкликано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed with a different key than the one registered for this device.</source>
        <translation>Підписано іншим ключем, ніж зареєстрований для цього пристрою.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>same sender&apos;s tag in the round</source>
        <translation>та сама бирка сторони, що передає, у раунді</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same bag number in the round</source>
        <translation>той самий номер мішка в раунді</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same round code</source>
        <translation>той самий код раунду</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same user name</source>
        <translation>те саме ім’я користувача</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same case number issued on two devices</source>
        <translation>той самий номер справи видано на двох пристроях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same certificate number issued on two devices</source>
        <translation>той самий номер акта видано на двох пристроях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same device code on two installations</source>
        <translation>той самий код пристрою на двох установках</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Не розглянуто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked as the same remains</source>
        <translation>Пов’язано як ті самі останки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismissed</source>
        <translation>Відхилено</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Held in quarantine: %1 is not trusted here (key %2). A supervisor can trust it in Devices and keys.</source>
        <translation>Затримано в карантині: пристрою %1 тут не довіряють (ключ %2). Керівник може позначити його довіреним у вікні «Пристрої та ключі».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Already imported; nothing changes.</source>
        <translation>Уже імпортовано; нічого не зміниться.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Made by this device; there is nothing to import.</source>
        <translation>Створено цим пристроєм; імпортувати нічого.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n record(s) wait for records not received yet.</source>
        <translation>
            <numerusform>%n запис очікує записів, які ще не надійшли.</numerusform>
            <numerusform>%n записи очікують записів, які ще не надійшли.</numerusform>
            <numerusform>%n записів очікують записів, які ще не надійшли.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s) of rounds this device does not receive are skipped.</source>
        <translation>
            <numerusform>%n зміну раундів, які цей пристрій не отримує, пропущено.</numerusform>
            <numerusform>%n зміни раундів, які цей пристрій не отримує, пропущено.</numerusform>
            <numerusform>%n змін раундів, які цей пристрій не отримує, пропущено.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Holds nothing new.</source>
        <translation>Нічого нового не містить.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n photo(s) or scan(s).</source>
        <translation>
            <numerusform>%n фото або скан-копія.</numerusform>
            <numerusform>%n фото або скан-копії.</numerusform>
            <numerusform>%n фото або скан-копій.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <location filename="../../ui/reconciliation/discrepancies.py" line="+14"/>
        <source>Explain discrepancies</source>
        <translation>Пояснити розбіжності</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Explain %n discrepancy(-ies): what happened, and who confirmed it.</source>
        <translation>
            <numerusform>Поясніть %n розбіжність: що сталося і хто це підтвердив.</numerusform>
            <numerusform>Поясніть %n розбіжності: що сталося і хто це підтвердив.</numerusform>
            <numerusform>Поясніть %n розбіжностей: що сталося і хто це підтвердив.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Explanation:</source>
        <translation>&amp;Пояснення:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Mark resolved</source>
        <translation>&amp;Позначити як врегульовану</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Write the explanation first.</source>
        <translation>Спершу напишіть пояснення.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/sync/export.py" line="+197"/>
        <source>Export for headquarters</source>
        <translation>Експорт для штабу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes the changes made in this database into one signed file. Carry it to the headquarters on a USB stick or send it; the headquarters merges it. Nothing is marked as exported until the file is completely written and checked.</source>
        <translation>Записує зміни, внесені в цю базу даних, в один підписаний файл. Перенесіть його до штабу на USB-накопичувачі або надішліть; штаб виконає його злиття. Нічого не позначається як експортоване, доки файл не буде повністю записано й перевірено.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to export</source>
        <translation>Що експортувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Only what is new since the last export</source>
        <translation>Лише &amp;нове від останнього експорту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;verything this database holds (a full export)</source>
        <translation>&amp;Усе, що містить ця база даних (повний експорт)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protection on the way</source>
        <translation>Захист під час перенесення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Not encrypted (signed only)</source>
        <translation>&amp;Без шифрування (лише підпис)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted with a &amp;passphrase</source>
        <translation>Зашифрувати &amp;парольною фразою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pa&amp;ssphrase:</source>
        <translation>Па&amp;рольна фраза:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat:</source>
        <translation>П&amp;овторіть:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give it to the headquarters separately, not with the stick</source>
        <translation>передайте її штабу окремо, не разом із накопичувачем</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted for the &amp;headquarters&apos; public key</source>
        <translation>Зашифрувати для відкритого ключа &amp;штабу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Key file:</source>
        <translation>Файл &amp;ключа:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the .pem file the headquarters gave you</source>
        <translation>файл .pem, який вам надав штаб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose &amp;key…</source>
        <translation>Вибрати к&amp;люч…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save as:</source>
        <translation>Зберегти &amp;як:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>О&amp;гляд…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export</source>
        <translation>&amp;Експортувати</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Counting the changes not exported yet…</source>
        <translation>Підрахунок ще не експортованих змін…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every change has been exported already; only a full export writes a file.</source>
        <translation>Усі зміни вже експортовано; файл буде записано лише під час повного експорту.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s) not exported yet.</source>
        <translation>
            <numerusform>%n зміна ще не експортована.</numerusform>
            <numerusform>%n зміни ще не експортовані.</numerusform>
            <numerusform>%n змін ще не експортовано.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Save the bundle as</source>
        <translation>Зберегти пакет як</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Repat bundles (*%1)</source>
        <translation>Пакети Repat (*%1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The headquarters&apos; public key</source>
        <translation>Відкритий ключ штабу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public keys (*.pem);;All files (*)</source>
        <translation>Відкриті ключі (*.pem);;Усі файли (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the file to write.</source>
        <translation>Виберіть файл для запису.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type the passphrase, twice.</source>
        <translation>Введіть парольну фразу двічі.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passphrases differ; type the same passphrase twice.</source>
        <translation>Парольні фрази не збігаються; введіть ту саму парольну фразу двічі.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the headquarters&apos; public key file.</source>
        <translation>Виберіть файл відкритого ключа штабу.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replace the file?</source>
        <translation>Замінити файл?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 exists already. Replace it?</source>
        <translation>%1 уже існує. Замінити його?</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Exporting</source>
        <translation>Експорт</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Wrote %1: %2 change(s) (%3) and %4 photo(s) or scan(s).</source>
        <translation>Записано %1: змін — %2 (%3), фото або скан-копій — %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is encrypted.</source>
        <translation>Файл зашифровано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed by %1, key fingerprint %2.</source>
        <translation>Підписано пристроєм %1, відбиток ключа %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n photo(s) have no content in this database and were left out.</source>
        <translation>
            <numerusform>%n фото не має вмісту в цій базі даних, тому його пропущено.</numerusform>
            <numerusform>%n фото не мають вмісту в цій базі даних, тому їх пропущено.</numerusform>
            <numerusform>%n фото не мають вмісту в цій базі даних, тому їх пропущено.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The export was cancelled. Nothing was marked as exported; the same changes will go into the next bundle.</source>
        <translation>Експорт скасовано. Нічого не позначено як експортоване; ці самі зміни потраплять до наступного пакета.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was marked as exported; the same changes will go into the next bundle.</source>
        <translation>Нічого не позначено як експортоване; ці самі зміни потраплять до наступного пакета.</translation>
    </message>
</context>
<context>
    <name>FigureListDialog</name>
    <message>
        <location filename="../../ui/reconciliation/figure_list.py" line="+25"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open case</source>
        <translation>Відкрити &amp;справу</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The first %1 are shown; narrow the rounds to see the others.</source>
        <translation>Показано перші %1; звузьте вибір раундів, щоб побачити інші.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n запис</numerusform>
            <numerusform>%n записи</numerusform>
            <numerusform>%n записів</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <location filename="../../ui/reconciliation/figures_table.py" line="+93"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unex-
plained</source>
        <translation>Непояс-
нені</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discrepancies with no explanation yet (merge conflicts and duplicates until settled).</source>
        <translation>Розбіжності, ще не пояснені (конфлікти злиття та дублікати — доки їх не врегульовано).</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Selected (%n)</source>
        <translation>
            <numerusform>Вибрано (%n)</numerusform>
            <numerusform>Вибрано (%n)</numerusform>
            <numerusform>Вибрано (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Total (%n)</source>
        <translation>
            <numerusform>Усього (%n)</numerusform>
            <numerusform>Усього (%n)</numerusform>
            <numerusform>Усього (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 of %2 not explained yet. Click to list them.</source>
        <translation>%1 з %2 ще не пояснено. Клацніть, щоб переглянути їх.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click to list them.</source>
        <translation>Клацніть, щоб переглянути їх.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>* Not every round has a declared total.</source>
        <translation>* Не для кожного раунду заявлено загальну кількість.</translation>
    </message>
</context>
<context>
    <name>FileSize</name>
    <message>
        <location filename="../../ui/sync/devices/models.py" line="-32"/>
        <source>%1 B</source>
        <translation>%1 Б</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 KB</source>
        <translation>%1 КБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 MB</source>
        <translation>%1 МБ</translation>
    </message>
</context>
<context>
    <name>FileSummaryModel</name>
    <message>
        <location filename="../../ui/sync/merge_wizard/summary.py" line="+77"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>Звідки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New</source>
        <translation>Нові</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>Оновлені</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>Без змін</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts</source>
        <translation>Конфлікти</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Probable
duplicates</source>
        <translation>Імовірні
дублікати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <location filename="../../ui/sync/merge_wizard/files.py" line="+74"/>
        <location line="+37"/>
        <source>Bundle files</source>
        <translation>Файли пакетів</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Choose the files the laptops (or the headquarters) exported. They are checked before anything is imported; the order does not change the result.</source>
        <translation>Виберіть файли, експортовані з ноутбуків (або зі штабу). Їх буде перевірено, перш ніж щось імпортується; порядок не впливає на результат.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Files to import:</source>
        <translation>&amp;Файли для імпорту:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add files…</source>
        <translation>Д&amp;одати файли…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Вилучити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Парольна фраза:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for files encrypted with a passphrase. Files encrypted for the headquarters&apos; key need none here.</source>
        <translation>Лише для файлів, зашифрованих парольною фразою. Для файлів, зашифрованих для ключа штабу, її не потрібно.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Repat bundles (*%1);;All files (*)</source>
        <translation>Пакети Repat (*%1);;Усі файли (*)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/shell/first_run.py" line="+125"/>
        <source>Set up Repat</source>
        <translation>Налаштування Repat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome to Repat</source>
        <translation>Вітаємо в Repat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This database is new. Give this computer a short device code, used in every case number it creates, and create the first supervisor account.</source>
        <translation>Це нова база даних. Задайте цьому комп’ютеру короткий код пристрою — він входитиме до кожного номера справи, створеного тут, — і створіть перший обліковий запис керівника.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer</source>
        <translation>Цей комп’ютер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device &amp;code:</source>
        <translation>&amp;Код пристрою:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2 to 8 Latin capital letters or digits, starting with a letter; unique to this computer.</source>
        <translation>Від 2 до 8 великих латинських літер або цифр, першою має бути літера; код унікальний для цього комп’ютера.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device &amp;name:</source>
        <translation>&amp;Назва пристрою:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Field laptop 1</source>
        <translation>напр. Польовий ноутбук 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First supervisor</source>
        <translation>Перший керівник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>&amp;Ім’я користувача:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full name:</source>
        <translation>&amp;ПІБ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at least %1 characters</source>
        <translation>щонайменше %1 символів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Повторіть пароль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Set up</source>
        <translation>&amp;Налаштувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>Ви&amp;йти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore from a &amp;backup…</source>
        <translation>Відновити з &amp;резервної копії…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This computer replaces one that was backed up: take over its records instead of setting up anew.</source>
        <translation>Цей комп’ютер замінює інший, з якого є резервна копія: перейміть його записи замість нового налаштування.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore from a backup</source>
        <translation>Відновити з резервної копії</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>Паролі не збігаються; введіть той самий пароль двічі.</translation>
    </message>
</context>
<context>
    <name>Forensics</name>
    <message>
        <location filename="../../ui/forensics/labels.py" line="+14"/>
        <source>Not started</source>
        <translation>Не розпочато</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>Триває</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Завершено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bone</source>
        <translation>Кістка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tooth</source>
        <translation>Зуб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soft tissue</source>
        <translation>М’які тканини</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blood</source>
        <translation>Кров</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hair</source>
        <translation>Волосся</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Other</source>
        <translation>Інше</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>DNA</source>
        <translation>ДНК</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprints</source>
        <translation>Відбитки пальців</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dental records</source>
        <translation>Стоматологічні дані</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medical features (implants, fractures)</source>
        <translation>Медичні ознаки (імплантати, переломи)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visual recognition by relatives</source>
        <translation>Візуальне впізнання родичами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>Документи</translation>
    </message>
    <message>
        <location filename="../../ui/forensics/window.py" line="+43"/>
        <source>name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>birth date</source>
        <translation>дата народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>citizenship</source>
        <translation>громадянство</translation>
    </message>
</context>
<context>
    <name>ForensicsDialog</name>
    <message>
        <location line="+29"/>
        <source>Forensic progress</source>
        <translation>Судово-медична робота</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xamination</source>
        <translation>&amp;Дослідження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sa&amp;mples</source>
        <translation>&amp;Зразки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Identification</source>
        <translation>&amp;Ідентифікація</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;lease to family</source>
        <translation>&amp;Видача родині</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Status:</source>
        <translation>&amp;Статус:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Completed &amp;at:</source>
        <translation>Заве&amp;ршено:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Examined &amp;by:</source>
        <translation>&amp;Хто досліджував:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>Пр&amp;имітки:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample</source>
        <translation>Зразок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken on</source>
        <translation>Дата відбору</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken by</source>
        <translation>Хто відібрав</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sent to</source>
        <translation>Куди надіслано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw sample…</source>
        <translation>Від&amp;кликати зразок…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New sample</source>
        <translation>Новий зразок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Type:</source>
        <translation>&amp;Тип:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Number:</source>
        <translation>&amp;Номер:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken &amp;on:</source>
        <translation>Дат&amp;а відбору:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken b&amp;y:</source>
        <translation>Хто віді&amp;брав:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>N&amp;otes:</source>
        <translation>Пр&amp;имітки:</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>&amp;Add sample</source>
        <translation>Д&amp;одати зразок</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Sa&amp;ve examination</source>
        <translation>Зб&amp;ерегти дослідження</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sent to la&amp;b:</source>
        <translation>Надіслано до &amp;лабораторії:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not&amp;es:</source>
        <translation>Пр&amp;имітки:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Claimed identity (as given; never changed here)</source>
        <translation>Заявлена особа (як надано; тут не змінюється)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Established &amp;name:</source>
        <translation>Встановлене &amp;ПІБ:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Birth date:</source>
        <translation>Дата &amp;народження:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Citizenship:</source>
        <translation>&amp;Громадянство:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identified b&amp;y:</source>
        <translation>&amp;Хто ідентифікував:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Identified &amp;on:</source>
        <translation>Дата іденти&amp;фікації:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD, DD.MM.YYYY or the year</source>
        <translation>РРРР-ММ-ДД, ДД.ММ.РРРР або рік</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Recipient:</source>
        <translation>Отри&amp;мувач:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity &amp;document:</source>
        <translation>Документ, що посвідчує &amp;особу:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Released &amp;at:</source>
        <translation>Д&amp;ата видачі:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released b&amp;y:</source>
        <translation>&amp;Хто видав:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you, if left empty</source>
        <translation>ви, якщо залишити порожнім</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Met&amp;hod:</source>
        <translation>&amp;Метод:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sa&amp;ve identification</source>
        <translation>Зб&amp;ерегти ідентифікацію</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationshi&amp;p:</source>
        <translation>С&amp;тупінь спорідненості:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pla&amp;ce:</source>
        <translation>Міс&amp;це:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record releas&amp;e…</source>
        <translation>Зар&amp;еєструвати видачу…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Case %1</source>
        <translation>Справа %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round %1 · status: %2 · examination: %3</source>
        <translation>Раунд %1 · статус: %2 · дослідження: %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Completed on %1 and recorded in the custody chain; only the notes can still change.</source>
        <translation>Завершено %1 і записано в ланцюг передачі; змінювати можна лише примітки.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(no name claimed)</source>
        <translation>(ПІБ не заявлено)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>born %1</source>
        <translation>народж. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>citizenship: %1</source>
        <translation>громадянство: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sending side&apos;s list</source>
        <translation>список сторони, що передає</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>documents found on the body</source>
        <translation>документи, знайдені при тілі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from %1</source>
        <translation>джерело: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The established identity differs from the claimed one (%1). The case counts as disputed in the reconciliation.</source>
        <translation>Встановлена особа відрізняється від заявленої (%1). Під час звіряння справу вважають спірною.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Complete the examination first.</source>
        <translation>Спершу завершіть дослідження.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Released to %1 on %2, by %3.</source>
        <translation>Видано: %1, %2, видав %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Released (recorded by a release certificate).</source>
        <translation>Видано (зафіксовано актом видачі).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remains are released to the family after their identification.</source>
        <translation>Останки видають родині після ідентифікації.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Complete the examination</source>
        <translation>Завершити дослідження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the examination of case %1 as completed? It goes into the custody chain and cannot be reopened.</source>
        <translation>Зареєструвати дослідження справи %1 як завершене? Це буде записано в ланцюг передачі, і дослідження не можна буде відкрити знову.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The examination is saved.</source>
        <translation>Дослідження збережено.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The sample is recorded.</source>
        <translation>Зразок зареєстровано.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Withdraw sample</source>
        <translation>Відкликати зразок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw this sample as recorded in error? It stays in the case&apos;s history.</source>
        <translation>Відкликати цей зразок як помилково зареєстрований? Він залишиться в історії справи.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The sample is withdrawn.</source>
        <translation>Зразок відкликано.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The identification is saved.</source>
        <translation>Ідентифікацію збережено.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Record the release</source>
        <translation>Зареєструвати видачу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record that the remains of case %1 were released to %2? This goes into the custody chain and cannot be undone.</source>
        <translation>Зареєструвати, що останки справи %1 видано: %2? Це буде записано в ланцюг передачі й не може бути скасовано.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the family</source>
        <translation>родині</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The release is recorded.</source>
        <translation>Видачу зареєстровано.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../../ui/i18n.py" line="+40"/>
        <source>yyyy-MM-dd</source>
        <extracomment>A Qt date format (yyyy year, MM month, dd day), not words: Ukrainian uses dd.MM.yyyy.</extracomment>
        <translation>dd.MM.yyyy</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../ui/shell/guide.py" line="+52"/>
        <source>Guide</source>
        <translation>Посібник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The handover day</source>
        <translation>День передачі</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Printing the act</source>
        <translation>Друк акта</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merging at headquarters</source>
        <translation>Злиття у штабі</translation>
    </message>
</context>
<context>
    <name>HistoryTree</name>
    <message>
        <location filename="../../ui/cases/history.py" line="+26"/>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Хто</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Device</source>
        <translation>Пристрій</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>Запис</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>Було</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>Стало</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>deleted</source>
        <translation>видалено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>created</source>
        <translation>створено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 field changed</source>
        <translation>змінено 1 поле</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln fields changed</source>
        <translation>
            <numerusform>змінено %Ln поле</numerusform>
            <numerusform>змінено %Ln поля</numerusform>
            <numerusform>змінено %Ln полів</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdentityBox</name>
    <message>
        <location filename="../../ui/intake/field_groups.py" line="-91"/>
        <source>Claimed identity (as the sending side or documents state it)</source>
        <translation>Заявлена особа (за даними сторони, що передає, або документів)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>&amp;ПІБ:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date of b&amp;irth:</source>
        <translation>Дата народж&amp;ення:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citi&amp;zenship:</source>
        <translation>&amp;Громадянство:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>YYYY-MM-DD or year</source>
        <translation>РРРР-ММ-ДД або рік</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Filled in from the manifest; correct it if documents say otherwise.</source>
        <translation>Заповнено зі списку; виправте, якщо документи свідчать інакше.</translation>
    </message>
</context>
<context>
    <name>IdentityTab</name>
    <message>
        <location filename="../../ui/cases/case_tab.py" line="+62"/>
        <source>Claimed identity — what the sending side or documents say</source>
        <translation>Заявлена особа — за даними сторони, що передає, або документів</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Established identity — forensic identification</source>
        <translation>Встановлена особа — судово-медична ідентифікація</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A claim is never a fact: it does not change the established identity.</source>
        <translation>Заявлені дані — не факт: вони не змінюють встановленої особи.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not identified yet.</source>
        <translation>Ще не ідентифіковано.</translation>
    </message>
</context>
<context>
    <name>ImportTotals</name>
    <message numerus="yes">
        <location filename="../../ui/sync/merge_wizard/summary.py" line="+85"/>
        <source>%n file(s) from devices not trusted here are held in quarantine.</source>
        <translation>
            <numerusform>%n файл від пристроїв, яким тут не довіряють, затримано в карантині.</numerusform>
            <numerusform>%n файли від пристроїв, яким тут не довіряють, затримано в карантині.</numerusform>
            <numerusform>%n файлів від пристроїв, яким тут не довіряють, затримано в карантині.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) from devices not trusted here would be held in quarantine.</source>
        <translation>
            <numerusform>%n файл від пристроїв, яким тут не довіряють, буде затримано в карантині.</numerusform>
            <numerusform>%n файли від пристроїв, яким тут не довіряють, буде затримано в карантині.</numerusform>
            <numerusform>%n файлів від пристроїв, яким тут не довіряють, буде затримано в карантині.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) refused; they change nothing.</source>
        <translation>
            <numerusform>%n файл відхилено; він нічого не змінює.</numerusform>
            <numerusform>%n файли відхилено; вони нічого не змінюють.</numerusform>
            <numerusform>%n файлів відхилено; вони нічого не змінюють.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake/form.py" line="+247"/>
        <source>Choose a round to start receiving bags.</source>
        <translation>Виберіть раунд, щоб почати приймання мішків.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Your role may look at cases but not record bags.</source>
        <translation>Ваша роль дозволяє переглядати справи, але не реєструвати мішки.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Choose the round first.</source>
        <translation>Спершу виберіть раунд.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Saved %1</source>
        <translation>Збережено %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>duplicate tag recorded as a discrepancy</source>
        <translation>повторну бирку зафіксовано як розбіжність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not on the manifest, recorded as a discrepancy</source>
        <translation>немає у списку, зафіксовано як розбіжність</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Restored the unsaved bag.</source>
        <translation>Незбережений мішок відновлено.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/widgets/labels.py" line="+22"/>
        <source>Field officer</source>
        <translation>Працівник польової групи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerk</source>
        <translation>Діловод</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor</source>
        <translation>Керівник</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Complete body</source>
        <translation>Тіло повністю</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partial remains</source>
        <translation>Частина останків</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fragments</source>
        <translation>Фрагменти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commingled remains</source>
        <translation>Змішані останки</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decomposed</source>
        <translation>Розкладання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skeletonised</source>
        <translation>Скелетування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Burnt</source>
        <translation>Обгорання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mummified</source>
        <translation>Муміфікація</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bag damaged</source>
        <translation>Мішок пошкоджено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No tag</source>
        <translation>Без бирки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag illegible</source>
        <translation>Бирка нерозбірлива</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents found</source>
        <translation>Знайдено документи</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>Not assessed</source>
        <translation>Не оцінювали</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Male</source>
        <translation>Чоловіча</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Female</source>
        <translation>Жіноча</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undetermined</source>
        <translation>Не визначено</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Child</source>
        <translation>Дитина</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adolescent</source>
        <translation>Підліток</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Young adult</source>
        <translation>Молода доросла особа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adult</source>
        <translation>Доросла особа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older adult</source>
        <translation>Особа похилого віку</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>Received</source>
        <translation>Прийнято</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+9"/>
        <source>Stored</source>
        <translation>На зберіганні</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+10"/>
        <source>Examined</source>
        <translation>Досліджено</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Identified</source>
        <translation>Ідентифіковано</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Released</source>
        <translation>Видано</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Returned</source>
        <translation>Повернуто</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Certified</source>
        <translation>Засвідчено актом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transferred</source>
        <translation>Передано</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity tag</source>
        <translation>Особистий жетон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jewellery</source>
        <translation>Прикраси</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clothing</source>
        <translation>Одяг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money</source>
        <translation>Гроші</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photograph</source>
        <translation>Фотографія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Інше</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <location filename="../../ui/documents/case_documents.py" line="-64"/>
        <location line="+14"/>
        <source>Bag labels</source>
        <translation>Бирки на мішки</translation>
    </message>
    <message numerus="yes">
        <source>Labels for %n case(s). Choose the paper:</source>
        <translation type="vanished">
            <numerusform>Бирки для %n справи. Виберіть папір:</numerusform>
            <numerusform>Бирки для %n справ. Виберіть папір:</numerusform>
            <numerusform>Бирки для %n справ. Виберіть папір:</numerusform>
        </translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Labels for:</source>
        <translation>Бирки для:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&amp;Every case of the round (%n)</source>
        <translation>
            <numerusform>&amp;Усіх справ раунду (%n)</numerusform>
            <numerusform>&amp;Усіх справ раунду (%n)</numerusform>
            <numerusform>&amp;Усіх справ раунду (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The bags &amp;without a label yet (%n)</source>
        <translation>
            <numerusform>Мішків, що ще &amp;не мають бирки (%n)</numerusform>
            <numerusform>Мішків, що ще &amp;не мають бирки (%n)</numerusform>
            <numerusform>Мішків, що ще &amp;не мають бирки (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One &amp;transport unit:</source>
        <translation>Одного &amp;транспортного засобу:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The &amp;selected cases (%n)</source>
        <translation>
            <numerusform>&amp;Вибраних справ (%n)</numerusform>
            <numerusform>&amp;Вибраних справ (%n)</numerusform>
            <numerusform>&amp;Вибраних справ (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper:</source>
        <translation>Папір:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;A4 sheet of 8 labels (105 × 74 mm)</source>
        <translation>Аркуш &amp;A4 на 8 бирок (105 × 74 мм)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Label printer, 100 × 150 mm</source>
        <translation>&amp;Принтер етикеток, 100 × 150 мм</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Generate</source>
        <translation>&amp;Створити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There are no cases to label in this choice.</source>
        <translation>У цьому виборі немає справ для бирок.</translation>
    </message>
</context>
<context>
    <name>LiaisonLetter</name>
    <message>
        <location filename="../../ui/documents/liaison_letter.py" line="+25"/>
        <source>Letter for the family liaison officers</source>
        <translation>Лист для офіцерів зв’язку з родинами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the letter for the family liaison officers</source>
        <translation>Зберегти лист для офіцерів зв’язку з родинами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the letter for the family liaison officers</source>
        <translation>Запис листа для офіцерів зв’язку з родинами</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/shell/login.py" line="+89"/>
        <source>Log in to Repat</source>
        <translation>Вхід до Repat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device %1</source>
        <translation>Пристрій %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>&amp;Ім’я користувача:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Log in</source>
        <translation>&amp;Увійти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>Ви&amp;йти</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter your user name.</source>
        <translation>Введіть ім’я користувача.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Repat — %1</source>
        <translation type="vanished">Repat — %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="+224"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Round</source>
        <translation>&amp;Раунд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Accounts</source>
        <translation>&amp;Облікові записи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tools</source>
        <translation>&amp;Сервіс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Налаштування…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log &amp;out</source>
        <translation>За&amp;вершити сеанс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>Ви&amp;йти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New round…</source>
        <translation>&amp;Новий раунд…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit round…</source>
        <translation>&amp;Редагувати раунд…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View round…</source>
        <translation>&amp;Переглянути раунд…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import manifest…</source>
        <translation>&amp;Імпортувати список…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discrepancies…</source>
        <translation>Ро&amp;збіжності…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Documents</source>
        <translation>Документ&amp;и</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Certificates of this round…</source>
        <translation>&amp;Акти цього раунду…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New handover certificate…</source>
        <translation>&amp;Новий акт приймання-передачі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bag &amp;labels…</source>
        <translation>&amp;Бирки на мішки…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify a printed document…</source>
        <translation>&amp;Перевірити надрукований документ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify &amp;records…</source>
        <translation>Перевірити &amp;записи…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Users…</source>
        <translation>&amp;Користувачі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Repat</source>
        <translation>&amp;Про Repat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Guide</source>
        <translation>По&amp;сібник</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Curr&amp;ent round:</source>
        <translation>Поточний ра&amp;унд:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No rounds yet: create one with New round…</source>
        <translation>Раундів ще немає: створіть раунд кнопкою «Новий раунд…»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New round…</source>
        <translation>Новий раунд…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a round (%1)</source>
        <translation>Створити раунд (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>Intake</source>
        <translation>Приймання</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>Cases</source>
        <translation>Справи</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+2"/>
        <source>Rounds</source>
        <translation>Раунди</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation>Зведення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to %1</source>
        <translation>Перейти: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device %1</source>
        <translation>Пристрій %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database in use</source>
        <translation>Поточна база даних</translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>%1 — %n unexplained discrepancies</source>
        <translation>
            <numerusform>%1 — %n непояснена розбіжність</numerusform>
            <numerusform>%1 — %n непояснені розбіжності</numerusform>
            <numerusform>%1 — %n непояснених розбіжностей</numerusform>
        </translation>
    </message>
    <message>
        <location line="+124"/>
        <source>About Repat</source>
        <translation>Про Repat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;p&gt;&lt;b&gt;Repat&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Registry for the repatriation of human remains: intake at the handover point, handover certificates and the reconciliation of each round.&lt;/p&gt;&lt;p&gt;Licence: GNU GPL version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Repat&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Реєстр репатріації тіл (останків) загиблих: приймання в пункті передачі, акти приймання-передачі та звіряння кожного раунду.&lt;/p&gt;&lt;p&gt;Ліцензія: GNU GPL версії 3 або новішої.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ManifestImport</name>
    <message>
        <location filename="../../ui/rounds/manifest_texts.py" line="+22"/>
        <source>The file is empty.</source>
        <translation>Файл порожній.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is larger than %1 MB; a manifest list is far smaller. Check that this is the right file.</source>
        <translation>Файл більший за %1 МБ, а список зазвичай значно менший. Перевірте, чи це потрібний файл.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is larger than %2 MB; a manifest list is far smaller. Check that this is the right file.</source>
        <translation>%1 більший за %2 МБ, а список зазвичай значно менший. Перевірте, чи це потрібний файл.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is saved as UTF-16; save it from the spreadsheet as “CSV UTF-8” and try again.</source>
        <translation>Файл збережено в кодуванні UTF-16; збережіть його з електронної таблиці як «CSV UTF-8» і спробуйте ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a spreadsheet workbook, not CSV; save it from the spreadsheet as “CSV UTF-8” first.</source>
        <translation>Це книга електронної таблиці, а не CSV; спершу збережіть її як «CSV UTF-8».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a PDF document, not a CSV list.</source>
        <translation>Це документ PDF, а не список CSV.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file is not a text (CSV) file: it holds binary data, or it is saved as UTF-16. Save the list as “CSV UTF-8”.</source>
        <translation>Це не текстовий файл (CSV): він містить двійкові дані або збережений у UTF-16. Збережіть список як «CSV UTF-8».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not a text (CSV) file.</source>
        <translation>Це не текстовий файл (CSV).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file cannot be read as %1: line %2 holds a byte that is not valid in it.</source>
        <translation>Файл не вдається прочитати як %1: рядок %2 містить неприпустимий для цього кодування байт.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file says it is UTF-8 but line %1 is not valid UTF-8; save it again as “CSV UTF-8”.</source>
        <translation>Файл позначено як UTF-8, але рядок %1 не є коректним UTF-8; збережіть його ще раз як «CSV UTF-8».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file&apos;s encoding is neither UTF-8 nor Windows-1251; save the list as “CSV UTF-8”.</source>
        <translation>Кодування файлу не UTF-8 і не Windows-1251; збережіть список як «CSV UTF-8».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1 holds a value longer than %2 characters; the file is probably not a manifest list (or a quote is not closed).</source>
        <translation>Рядок %1 містить значення, довше за %2 символів; імовірно, це не список (або не закрито лапки).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1 cannot be read as CSV: %2.</source>
        <translation>Рядок %1 не вдається прочитати як CSV: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no file %1.</source>
        <translation>Файлу %1 не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a folder, not a CSV file.</source>
        <translation>%1 — це тека, а не файл CSV.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You may not read %1; check the file&apos;s permissions.</source>
        <translation>Ви не маєте права читати %1; перевірте права доступу до файлу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot read %1: %2.</source>
        <translation>Не вдається прочитати %1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the column that holds the sender&apos;s tag.</source>
        <translation>Виберіть стовпець, у якому бирка сторони, що передає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list has problems on %1 lines, so nothing was imported: correct the file, or import only the good rows.</source>
        <translation>У списку є помилки в %1 рядках, тому нічого не імпортовано: виправте файл або імпортуйте лише правильні рядки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list has problems on %1 line, so nothing was imported: correct the file, or import only the good rows.</source>
        <translation>У списку є помилка в %1 рядку, тому нічого не імпортовано: виправте файл або імпортуйте лише правильні рядки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file has a header but no rows; nothing was imported.</source>
        <translation>У файлі є заголовок, але немає рядків; нічого не імпортовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No row of the list can be imported; nothing was imported.</source>
        <translation>Жоден рядок списку не можна імпортувати; нічого не імпортовано.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sender&apos;s &amp;tag (required):</source>
        <translation>&amp;Бирка сторони, що передає (обов’язково):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed &amp;name:</source>
        <translation>Заявлене &amp;ПІБ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed &amp;birth date:</source>
        <translation>Заявлена &amp;дата народження:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed citi&amp;zenship:</source>
        <translation>Заявлене &amp;громадянство:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ategory:</source>
        <translation>&amp;Категорія:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes:</source>
        <translation>Пр&amp;имітки:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tag</source>
        <translation>бирка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>birth date</source>
        <translation>дата народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>citizenship</source>
        <translation>громадянство</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 з BOM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows-1251 (Cyrillic)</source>
        <translation>Windows-1251 (кирилиця)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>commas</source>
        <translation>комами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>semicolons</source>
        <translation>крапками з комою</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>… (%1 more)</source>
        <translation>… (ще %1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The tag is missing.</source>
        <translation>Бирку не зазначено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The row has %1 columns but the header has %2; check for a delimiter inside a value without quotes.</source>
        <translation>У рядку %1 стовпців, а в заголовку — %2; перевірте, чи немає роздільника всередині значення без лапок.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The %1 is %2 characters long; at most %3 are allowed.</source>
        <translation>Поле «%1» має довжину %2 символів; дозволено щонайбільше %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown category “%1”; use complete, partial, fragments or commingled (повне тіло, частина, фрагменти, змішані).</source>
        <translation>Невідома категорія «%1»; використовуйте: повне тіло, частина, фрагменти або змішані (complete, partial, fragments, commingled).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The tag is listed more than once in the file (lines %1).</source>
        <translation>Бирка трапляється у файлі більше одного разу (рядки %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The tag is already on this round&apos;s manifest (manifest line %1).</source>
        <translation>Бирка вже є у списку цього раунду (рядок списку %1).</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>The file is a damaged workbook or not an XLSX workbook (an OpenDocument or Word file?); save a manifest list from the spreadsheet as .xlsx or as “CSV UTF-8”.</source>
        <translation>Файл пошкоджений або це не книга XLSX (можливо, файл OpenDocument чи Word); збережіть список з електронної таблиці як .xlsx або як «CSV UTF-8».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is an old Excel workbook (.xls) or one protected by a password; save it as .xlsx (Excel Workbook) or as “CSV UTF-8” first.</source>
        <translation>Це стара книга Excel (.xls) або книга, захищена паролем; спершу збережіть її як .xlsx (книга Excel) або як «CSV UTF-8».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The workbook has no sheet.</source>
        <translation>У книзі немає жодного аркуша.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row %1 holds a value longer than %2 characters; the file is probably not a manifest list.</source>
        <translation>Рядок %1 містить значення, довше за %2 символів; імовірно, це не список.</translation>
    </message>
</context>
<context>
    <name>ManifestImportDialog</name>
    <message>
        <location filename="../../ui/rounds/manifest_import.py" line="+142"/>
        <source>Import the sending side&apos;s list</source>
        <translation>Імпорт списку сторони, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Choose file…</source>
        <translation>&amp;Вибрати файл…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encoding:</source>
        <translation>&amp;Кодування:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detect automatically</source>
        <translation>Визначити автоматично</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>Стовпці</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns with the usual headers are chosen for you: tag or бірка, name or ПІБ, birth date or дата народження, citizenship or громадянство, category or категорія, notes or примітки. Choose the others here.</source>
        <translation>Стовпці зі звичними заголовками вибираються автоматично: бірка або tag, ПІБ або name, дата народження або birth date, громадянство або citizenship, категорія або category, примітки або notes. Інші виберіть тут.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+87"/>
        <source>(not in the file)</source>
        <translation>(немає у файлі)</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>&amp;Preview (first %1 rows):</source>
        <translation>&amp;Попередній перегляд (перші %1 рядків):</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+259"/>
        <source>&amp;Import</source>
        <translation>&amp;Імпортувати</translation>
    </message>
    <message>
        <location line="-258"/>
        <source>Import only &amp;good rows…</source>
        <translation>Імпортувати лише &amp;правильні рядки…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cop&amp;y problems</source>
        <translation>&amp;Копіювати помилки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy every problem with its line number, to send back or keep</source>
        <translation>Скопіювати всі помилки з номерами рядків, щоб надіслати назад або зберегти</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the sending side&apos;s list</source>
        <translation>Виберіть список сторони, що передає</translation>
    </message>
    <message numerus="yes">
        <location line="+168"/>
        <source>Read as %1, values separated by %2; %n row(s).</source>
        <translation>
            <numerusform>Прочитано як %1, значення розділено %2; %n рядок.</numerusform>
            <numerusform>Прочитано як %1, значення розділено %2; %n рядки.</numerusform>
            <numerusform>Прочитано як %1, значення розділено %2; %n рядків.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>P&amp;roblems (%1):</source>
        <translation>&amp;Помилки (%1):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your role may not import a manifest; a field officer or a supervisor can.</source>
        <translation>Ваша роль не дозволяє імпортувати список; це може зробити працівник польової групи або керівник.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading and checking the file…</source>
        <translation>Читання й перевірка файлу…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file has a header but no rows.</source>
        <translation>У файлі є заголовок, але немає рядків.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) ready to import.</source>
        <translation>
            <numerusform>%n рядок готовий до імпорту.</numerusform>
            <numerusform>%n рядки готові до імпорту.</numerusform>
            <numerusform>%n рядків готово до імпорту.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n line(s) have problems, so the list cannot be imported as it is.</source>
        <translation>
            <numerusform>У %n рядку є помилки, тому список не можна імпортувати як є.</numerusform>
            <numerusform>У %n рядках є помилки, тому список не можна імпортувати як є.</numerusform>
            <numerusform>У %n рядках є помилки, тому список не можна імпортувати як є.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing only the good rows would import %1 and skip %2.</source>
        <translation>Якщо імпортувати лише правильні рядки, буде імпортовано %1 і пропущено %2.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import only the good rows</source>
        <translation>Імпортувати лише правильні рядки</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n row(s) will be skipped: rows with problems, and repeated tags after their first row.</source>
        <translation>
            <numerusform>Буде пропущено %n рядок: рядки з помилками та повторні бирки після першого рядка.</numerusform>
            <numerusform>Буде пропущено %n рядки: рядки з помилками та повторні бирки після першого рядка.</numerusform>
            <numerusform>Буде пропущено %n рядків: рядки з помилками та повторні бирки після першого рядка.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n row(s) will be imported. Import them?</source>
        <translation>
            <numerusform>Буде імпортовано %n рядок. Імпортувати?</numerusform>
            <numerusform>Буде імпортовано %n рядки. Імпортувати?</numerusform>
            <numerusform>Буде імпортовано %n рядків. Імпортувати?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Don&apos;t import</source>
        <translation>&amp;Не імпортувати</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checking the list…</source>
        <translation>Перевірка списку…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported %1 of %2 lines…</source>
        <translation>Імпортовано %1 з %2 рядків…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Importing the manifest</source>
        <translation>Імпорт списку</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Imported %n manifest line(s).</source>
        <translation>
            <numerusform>Імпортовано %n рядок списку.</numerusform>
            <numerusform>Імпортовано %n рядки списку.</numerusform>
            <numerusform>Імпортовано %n рядків списку.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Skipped %n row(s) with problems or repeated tags.</source>
        <translation>
            <numerusform>Пропущено %n рядок з помилками або повторними бирками.</numerusform>
            <numerusform>Пропущено %n рядки з помилками або повторними бирками.</numerusform>
            <numerusform>Пропущено %n рядків з помилками або повторними бирками.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>Імпорт скасовано; нічого не змінено.</translation>
    </message>
    <message>
        <location line="-329"/>
        <source>Choose the CSV or XLSX file saved from the spreadsheet, or drop it here</source>
        <translation>Виберіть файл CSV або XLSX, збережений з електронної таблиці, або перетягніть його сюди</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Lists (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>Списки (*.csv *.txt *.xlsx);;Усі файли (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+163"/>
        <source>Read from the sheet “%1”; %n row(s).</source>
        <translation>
            <numerusform>Прочитано з аркуша «%1»; %n рядок.</numerusform>
            <numerusform>Прочитано з аркуша «%1»; %n рядки.</numerusform>
            <numerusform>Прочитано з аркуша «%1»; %n рядків.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Choose the list the sending side handed over (XLSX, or CSV in UTF-8 or Windows-1251).</source>
        <translation>Виберіть список, переданий стороною, що передає (XLSX або CSV у кодуванні UTF-8 чи Windows-1251).</translation>
    </message>
    <message>
        <source>Choose the CSV file saved from the spreadsheet, or drop it here</source>
        <translation type="vanished">Виберіть файл CSV, збережений з електронної таблиці, або перетягніть його сюди</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="vanished">Файли CSV (*.csv *.txt);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Choose the list the sending side handed over (CSV, UTF-8 or Windows-1251).</source>
        <translation type="vanished">Виберіть список, переданий стороною, що передає (CSV, UTF-8 або Windows-1251).</translation>
    </message>
</context>
<context>
    <name>MergeWizard</name>
    <message>
        <location filename="../../ui/sync/merge_wizard/summary.py" line="-17"/>
        <source>No record changed.</source>
        <translation>Жоден запис не змінено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No record would change.</source>
        <translation>Жоден запис не зміниться.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported: %1 new, %2 updated and %3 unchanged record(s); %4 new conflict(s) and %5 new probable duplicate(s).</source>
        <translation>Імпортовано записів: нових — %1, оновлених — %2, без змін — %3; нових конфліктів — %4, нових імовірних дублікатів — %5.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Importing would bring %1 new, %2 updated and %3 unchanged record(s); %4 new conflict(s) and %5 new probable duplicate(s).</source>
        <translation>Імпорт дасть записів: нових — %1, оновлених — %2, без змін — %3; нових конфліктів — %4, нових імовірних дублікатів — %5.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/merge_wizard/wizard.py" line="+58"/>
        <source>Import and merge</source>
        <translation>Імпорт і злиття</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../ui/admin/users.py" line="+178"/>
        <source>New user</source>
        <translation>Новий користувач</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;User name:</source>
        <translation>&amp;Ім’я користувача:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Full name:</source>
        <translation>&amp;ПІБ:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Role:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Password:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;epeat password:</source>
        <translation>П&amp;овторіть пароль:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>at least %1 characters</source>
        <translation>щонайменше %1 символів</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>Паролі не збігаються; введіть той самий пароль двічі.</translation>
    </message>
</context>
<context>
    <name>NotesBox</name>
    <message>
        <location filename="../../ui/intake/field_groups.py" line="+61"/>
        <source>N&amp;otes</source>
        <translation>Прим&amp;ітки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Enter saves the bag</source>
        <translation>Ctrl+Enter зберігає мішок</translation>
    </message>
</context>
<context>
    <name>PartyBox</name>
    <message>
        <location filename="../../ui/documents/certificate_form.py" line="+136"/>
        <source>&amp;Organisation:</source>
        <translation>&amp;Організація:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Representatives:</source>
        <translation>Представники:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witnesses:</source>
        <translation>Свідки:</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/admin/users.py" line="+50"/>
        <source>New password for %1</source>
        <translation>Новий пароль для %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give %1 (%2) a new password; tell it to them in person. It reaches the other installations with the next exchange.</source>
        <translation>Задайте %1 (%2) новий пароль і повідомте його особисто. Він потрапить на інші установки з наступним обміном.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New password:</source>
        <translation>&amp;Новий пароль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;epeat password:</source>
        <translation>П&amp;овторіть пароль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at least %1 characters</source>
        <translation>щонайменше %1 символів</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>Паролі не збігаються; введіть той самий пароль двічі.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/documents/preview.py" line="+101"/>
        <source>Zoom out</source>
        <translation>Зменшити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Зменшити (Ctrl+-)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>Збільшити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (Ctrl++)</source>
        <translation>Збільшити (Ctrl++)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit width</source>
        <translation>За шириною</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole page</source>
        <translation>Уся сторінка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The preview appears here.</source>
        <translation>Тут з’явиться попередній перегляд.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Page %1 of %2</source>
        <translation>Сторінка %1 з %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print %1</source>
        <translation>Друк: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print</source>
        <translation>Друк</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+9"/>
        <source>Save as PDF</source>
        <translation>Зберегти як PDF</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Документи PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PeopleTable</name>
    <message>
        <location filename="../../ui/documents/certificate_form.py" line="-92"/>
        <source>Full name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Position</source>
        <translation>Посада</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Identity document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add</source>
        <translation>Додати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a person</source>
        <translation>Додати особу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected person</source>
        <translation>Вилучити вибрану особу</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../ui/cases/photos.py" line="+45"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This file cannot be shown as a picture.</source>
        <translation>Цей файл не можна показати як зображення.</translation>
    </message>
</context>
<context>
    <name>PhotosBox</name>
    <message>
        <location filename="../../ui/intake/photos_box.py" line="+77"/>
        <location line="+1"/>
        <source>Photos</source>
        <translation>Фото</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete removes the selected photos from this bag</source>
        <translation>Delete вилучає вибрані фото з цього мішка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;photos…</source>
        <translation>До&amp;лучити фото…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove photo</source>
        <translation>Вилучити фото</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Attach photos or scans</source>
        <translation>Долучити фото або скан-копії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos and scans (%1)</source>
        <translation>Фото та скан-копії (%1)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is not a photo or scan (use JPEG, PNG, TIFF or PDF).</source>
        <translation>%1 не є фото чи скан-копією (використовуйте JPEG, PNG, TIFF або PDF).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 cannot be read.</source>
        <translation>Не вдається прочитати %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is larger than %2 MB.</source>
        <translation>%1 більший за %2 МБ.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (file missing)</source>
        <translation>%1 (файл відсутній)</translation>
    </message>
</context>
<context>
    <name>PhotosTab</name>
    <message>
        <location filename="../../ui/cases/photos.py" line="+55"/>
        <source>Double-click a photo, or select it and press Enter, to see it larger.</source>
        <translation>Двічі клацніть фото або виберіть його й натисніть Enter, щоб збільшити.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 — %2 KB; double-click to enlarge</source>
        <translation>%1 — %2 КБ; двічі клацніть, щоб збільшити</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../ui/rounds/manifest_tables.py" line="+70"/>
        <source>Line</source>
        <translation>Рядок</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/sync/merge_wizard/preview.py" line="+58"/>
        <source>What the files would change</source>
        <translation>Що змінять файли</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing has been changed yet. Conflicts keep both values until a supervisor chooses; probable duplicates are only flagged, never merged.</source>
        <translation>Поки що нічого не змінено. У конфліктах зберігаються обидва значення, доки керівник не вибере одне; імовірні дублікати лише позначаються, їх ніколи не об’єднують.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import</source>
        <translation>&amp;Імпортувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the signatures and working out what each file would change…</source>
        <translation>Перевірка підписів і визначення того, що змінить кожен файл…</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../ui/rounds/manifest_tables.py" line="+55"/>
        <source>Line</source>
        <translation>Рядок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Помилка</translation>
    </message>
</context>
<context>
    <name>QuarantineModel</name>
    <message>
        <location filename="../../ui/sync/devices/models.py" line="+60"/>
        <source>Device</source>
        <translation>Пристрій</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key fingerprint</source>
        <translation>Відбиток ключа</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why held</source>
        <translation>Чому затримано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>Отримано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Хто</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes</source>
        <translation>Змін</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Розмір</translation>
    </message>
</context>
<context>
    <name>ReceptionBox</name>
    <message>
        <location filename="../../ui/intake/reception.py" line="+84"/>
        <source>Received</source>
        <translation>Прийнято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bac&amp;k-entry from paper forms (Ctrl+B)</source>
        <translation>Внесення з паперових к&amp;арток (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the time written on the form. After each save the time moves on by the step, ready for the next form.</source>
        <translation>Введіть час, записаний на картці. Після кожного збереження час збільшується на крок — для наступної картки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Now (the time of saving)</source>
        <translation>Зараз (час збереження)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD HH:MM, as on the form</source>
        <translation>РРРР-ММ-ДД ГГ:ХХ, як на картці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reception date and time</source>
        <translation>Дата й час прийняття</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> хв</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step after each save, in minutes</source>
        <translation>Крок після кожного збереження, у хвилинах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only if received after the round&apos;s days</source>
        <translation>Лише якщо прийнято після днів раунду</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>then st&amp;ep:</source>
        <translation>далі к&amp;рок:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for a l&amp;ate time:</source>
        <translation>Причина &amp;пізнього часу:</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Recei&amp;ved at:</source>
        <translation>&amp;Час прийняття:</translation>
    </message>
</context>
<context>
    <name>Reconciliation</name>
    <message>
        <location filename="../../ui/reconciliation/figure_names.py" line="+13"/>
        <location line="+54"/>
        <source>Declared</source>
        <translation>Заявлено</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>On the list</source>
        <translation>У списку</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+54"/>
        <source>Received</source>
        <translation>Прийнято</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Certified</source>
        <translation>Внесено до актів</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Examined</source>
        <translation>Досліджено</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Sampled</source>
        <translation>Зі зразками</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Identified</source>
        <translation>Ідентифіковано</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Released</source>
        <translation>Видано</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Returned</source>
        <translation>Повернуто</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Declared, not received</source>
        <translation>Заявлено, не прийнято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received, not declared</source>
        <translation>Прийнято, не заявлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate tags</source>
        <translation>Повторні бирки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declared total ≠ received</source>
        <translation>Заявлено ≠ прийнято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bag count ≠ declared</source>
        <translation>Кількість мішків ≠ заявленій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Broken seals</source>
        <translation>Порушені пломби</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commingled</source>
        <translation>Змішані останки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity disputed</source>
        <translation>Особу оскаржено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody gaps</source>
        <translation>Прогалини в ланцюгу передачі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge conflicts</source>
        <translation>Конфлікти злиття</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probable duplicates</source>
        <translation>Імовірні дублікати</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The total the sending side declared for the round.</source>
        <translation>Загальна кількість, заявлена стороною, що передає, для раунду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines on the sending side&apos;s list.</source>
        <translation>Рядки списку сторони, що передає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases received.</source>
        <translation>Прийняті справи.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases on at least one issued (not void) certificate.</source>
        <translation>Справи, внесені щонайменше до одного оформленого (не анульованого) акта.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases whose examination is completed.</source>
        <translation>Справи із завершеним дослідженням.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases with at least one sample taken for identification (not withdrawn).</source>
        <translation>Справи, з яких відібрано щонайменше один зразок для ідентифікації (не відкликаний).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases with a recorded identification.</source>
        <translation>Справи із зафіксованою ідентифікацією.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases released to families.</source>
        <translation>Справи, видані родинам.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases returned.</source>
        <translation>Повернуті справи.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines of the list whose tag no received case carries.</source>
        <translation>Рядки списку, бирки яких немає в жодної прийнятої справи.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases whose tag is not on the list, or that have no tag.</source>
        <translation>Справи, бирки яких немає у списку, або справи без бирки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases whose tag was already received in the round.</source>
        <translation>Справи, бирку яких у раунді вже було прийнято.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The declared total differs from the number of cases received.</source>
        <translation>Заявлена загальна кількість відрізняється від кількості прийнятих справ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transport units whose counted bags differ from the declared number.</source>
        <translation>Транспортні засоби, у яких пораховано іншу кількість мішків, ніж заявлено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transport units whose seals were not intact.</source>
        <translation>Транспортні засоби з порушеними пломбами.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases of commingled remains.</source>
        <translation>Справи змішаних останків.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases whose established identity differs from the claimed one.</source>
        <translation>Справи, у яких встановлена особа відрізняється від заявленої.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases whose custody chain lacks an event their status needs, or has one it does not.</source>
        <translation>Справи, у ланцюгу передачі яких бракує події, потрібної для їхнього статусу, або є зайва.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge conflicts not yet resolved.</source>
        <translation>Ще не врегульовані конфлікти злиття.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probable duplicates not yet decided.</source>
        <translation>Імовірні дублікати, щодо яких ще не ухвалено рішення.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>On the
list</source>
        <translation>У
списку</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Declared,
not received</source>
        <translation>Заявлено,
не прийнято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received,
not declared</source>
        <translation>Прийнято,
не заявлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate
tags</source>
        <translation>Повторні
бирки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total ≠
received</source>
        <translation>Заявлено ≠
прийнято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bags ≠
declared</source>
        <translation>Мішків ≠
заявлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Broken
seals</source>
        <translation>Порушені
пломби</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commin-
gled</source>
        <translation>Змішані
останки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity
disputed</source>
        <translation>Особу
оскаржено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody
gaps</source>
        <translation>Прогалини
в ланцюгу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge
conflicts</source>
        <translation>Конфлікти
злиття</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probable
duplicates</source>
        <translation>Імовірні
дублікати</translation>
    </message>
    <message>
        <location filename="../../ui/reconciliation/discrepancies.py" line="-141"/>
        <source>no “received” event</source>
        <translation>немає події «прийнято»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no “examined” event</source>
        <translation>немає події «досліджено»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no “released” event</source>
        <translation>немає події «видано»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no “returned” event</source>
        <translation>немає події «повернуто»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a release or return event, but another status</source>
        <translation>є подія видачі чи повернення, але статус інший</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>birth date</source>
        <translation>дата народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>citizenship</source>
        <translation>громадянство</translation>
    </message>
</context>
<context>
    <name>RegisterImport</name>
    <message>
        <location filename="../../ui/register/texts.py" line="+26"/>
        <source>The file is larger than %1 MB; a register of missing persons is far smaller. Check that this is the right file.</source>
        <translation>Файл більший за %1 МБ, а реєстр зниклих безвісти зазвичай значно менший. Перевірте, чи це потрібний файл.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is larger than %2 MB; a register of missing persons is far smaller. Check that this is the right file.</source>
        <translation>%1 більший за %2 МБ, а реєстр зниклих безвісти зазвичай значно менший. Перевірте, чи це потрібний файл.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1 holds a value longer than %2 characters; the file is probably not a register of missing persons (or a quote is not closed).</source>
        <translation>Рядок %1 містить значення, довше за %2 символів; імовірно, це не реєстр зниклих безвісти (або не закрито лапки).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row %1 holds a value longer than %2 characters; the file is probably not a register of missing persons.</source>
        <translation>Рядок %1 містить значення, довше за %2 символів; імовірно, це не реєстр зниклих безвісти.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a damaged workbook or not an XLSX workbook (an OpenDocument or Word file?); save a register of missing persons from the spreadsheet as .xlsx or as “CSV UTF-8”.</source>
        <translation>Файл пошкоджений або це не книга XLSX (можливо, файл OpenDocument чи Word); збережіть реєстр з електронної таблиці як .xlsx або як «CSV UTF-8».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the column that holds the register number.</source>
        <translation>Виберіть стовпець, у якому номер у реєстрі.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the column that holds the full name, or the columns of the surname and the given name.</source>
        <translation>Виберіть стовпець з ПІБ або стовпці з прізвищем та ім’ям.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone changed the register while it was being imported; nothing was written. Import the file again.</source>
        <translation>Хтось змінив реєстр під час імпорту; нічого не записано. Імпортуйте файл ще раз.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register &amp;number (required):</source>
        <translation>Номер у ре&amp;єстрі (обов’язково):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full na&amp;me:</source>
        <translation>ПІБ &amp;цілком:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Surname:</source>
        <translation>Прізви&amp;ще:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Given name:</source>
        <translation>І&amp;м’я:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pa&amp;tronymic:</source>
        <translation>По &amp;батькові:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of &amp;birth:</source>
        <translation>Дата &amp;народження:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Se&amp;x:</source>
        <translation>&amp;Стать:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citi&amp;zenship:</source>
        <translation>&amp;Громадянство:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Military &amp;unit:</source>
        <translation>Військова &amp;частина:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of disappe&amp;arance:</source>
        <translation>Дат&amp;а зникнення:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;lace of disappearance:</source>
        <translation>Місце &amp;зникнення:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Circumstances:</source>
        <translation>&amp;Обставини:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distinguishing mar&amp;ks:</source>
        <translation>Особливі прикме&amp;ти:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relati&amp;ves who gave DNA:</source>
        <translation>Родичі, що зда&amp;ли ДНК:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes:</source>
        <translation>&amp;Примітки:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>register number</source>
        <translation>номер у реєстрі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>citizenship</source>
        <translation>громадянство</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>military unit</source>
        <translation>військова частина</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>place of disappearance</source>
        <translation>місце зникнення</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The date of birth %1 does not exist.</source>
        <translation>Дати народження %1 не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date of disappearance %1 does not exist.</source>
        <translation>Дати зникнення %1 не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date of birth “%1” is not a date; write it as DD.MM.YYYY, YYYY-MM-DD or the year.</source>
        <translation>Дата народження «%1» — не дата; запишіть її як ДД.ММ.РРРР, РРРР-ММ-ДД або лише рік.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date of disappearance “%1” is not a date; write it as DD.MM.YYYY, YYYY-MM-DD or the year.</source>
        <translation>Дата зникнення «%1» — не дата; запишіть її як ДД.ММ.РРРР, РРРР-ММ-ДД або лише рік.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date of birth %1 is in the future.</source>
        <translation>Дата народження %1 — у майбутньому.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date of disappearance %1 is in the future.</source>
        <translation>Дата зникнення %1 — у майбутньому.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date of birth %1 is before %2.</source>
        <translation>Дата народження %1 — раніше %2 року.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date of disappearance %1 is before %2.</source>
        <translation>Дата зникнення %1 — раніше %2 року.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The register number is missing.</source>
        <translation>Немає номера в реєстрі.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name is missing.</source>
        <translation>Немає ПІБ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The row has %1 columns but the header has %2; check for a delimiter inside a value without quotes.</source>
        <translation>У рядку %1 стовпців, а в заголовку — %2; перевірте, чи немає роздільника всередині значення без лапок.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 is %2 characters long; at most %3 are allowed.</source>
        <translation>Поле «%1» має довжину %2 символів; дозволено щонайбільше %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register number is listed more than once in the file (lines %1); none of these rows is imported.</source>
        <translation>Номер у реєстрі трапляється у файлі кілька разів (рядки %1); жоден із цих рядків не імпортується.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sex “%1” is not understood; write male or female (чоловіча, жіноча).</source>
        <translation>Стать «%1» не розпізнано; напишіть «чоловіча» або «жіноча» (male, female).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The date of birth (%1) is after the date of disappearance (%2).</source>
        <translation>Дата народження (%1) пізніша за дату зникнення (%2).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged.</source>
        <translation>Імпортовано: нових — %1, оновлених — %2, без змін — %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n row(s) were refused; each is listed above with its line and reason.</source>
        <translation>
            <numerusform>%n рядок відхилено; його наведено вище з номером рядка та причиною.</numerusform>
            <numerusform>%n рядки відхилено; кожен наведено вище з номером рядка та причиною.</numerusform>
            <numerusform>%n рядків відхилено; кожен наведено вище з номером рядка та причиною.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegisterImportDialog</name>
    <message>
        <location filename="../../ui/register/import_dialog.py" line="+127"/>
        <source>Import the missing-persons register</source>
        <translation>Імпорт реєстру зниклих безвісти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the register&apos;s XLSX or CSV file, or drop it here</source>
        <translation>Виберіть файл реєстру (XLSX або CSV) чи перетягніть його сюди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose file…</source>
        <translation>&amp;Вибрати файл…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encoding:</source>
        <translation>&amp;Кодування:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Detect automatically</source>
        <translation>Визначити автоматично</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Роздільник:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comma ( , )</source>
        <translation>Кома ( , )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Semicolon ( ; )</source>
        <translation>Крапка з комою ( ; )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Columns</source>
        <translation>Стовпці</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns with the usual headers are chosen for you (номер заяви, ПІБ or прізвище, ім&apos;я, по батькові, дата народження, дата зникнення …). The name is one column or three: surname, given name and patronymic are joined. A field left “not in the file” keeps what the register holds.</source>
        <translation>Стовпці зі звичними заголовками вибрано автоматично (номер заяви, ПІБ або прізвище, ім’я, по батькові, дата народження, дата зникнення …). ПІБ — це один стовпець або три: прізвище, ім’я та по батькові об’єднуються. Поле з позначкою «немає у файлі» зберігає те, що вже є в реєстрі.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+81"/>
        <source>(not in the file)</source>
        <translation>(немає у файлі)</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>&amp;Preview (first %1 rows):</source>
        <translation>Попере&amp;дній перегляд (перші %1 рядків):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>&amp;Імпортувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cop&amp;y problems</source>
        <translation>Копі&amp;ювати помилки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy every problem with its line number, to send back or keep</source>
        <translation>Скопіювати всі помилки з номерами рядків, щоб надіслати назад або зберегти</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the missing-persons register</source>
        <translation>Виберіть реєстр зниклих безвісти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registers (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Реєстри (*.xlsx *.csv *.txt);;Усі файли (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+153"/>
        <source>Read from the sheet “%1”; %n row(s).</source>
        <translation>
            <numerusform>Прочитано з аркуша «%1»; %n рядок.</numerusform>
            <numerusform>Прочитано з аркуша «%1»; %n рядки.</numerusform>
            <numerusform>Прочитано з аркуша «%1»; %n рядків.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Read as %1, values separated by %2; %n row(s).</source>
        <translation>
            <numerusform>Прочитано як %1, значення розділено %2; %n рядок.</numerusform>
            <numerusform>Прочитано як %1, значення розділено %2; %n рядки.</numerusform>
            <numerusform>Прочитано як %1, значення розділено %2; %n рядків.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refused &amp;rows (%1):</source>
        <translation>Від&amp;хилені рядки (%1):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P&amp;roblems (%1):</source>
        <translation>Пом&amp;илки (%1):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your role may not import the register; a supervisor can.</source>
        <translation>Ваша роль не дозволяє імпортувати реєстр; це може зробити керівник.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading and checking the file…</source>
        <translation>Читання й перевірка файлу…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the register&apos;s file: XLSX, or CSV in UTF-8 or Windows-1251.</source>
        <translation>Виберіть файл реєстру: XLSX або CSV у кодуванні UTF-8 чи Windows-1251.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file has a header but no rows.</source>
        <translation>У файлі є заголовок, але немає рядків.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n row(s) can be imported:</source>
        <translation>
            <numerusform>Можна імпортувати %n рядок:</numerusform>
            <numerusform>Можна імпортувати %n рядки:</numerusform>
            <numerusform>Можна імпортувати %n рядків:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 new, %2 changed, %3 as the register already holds them.</source>
        <translation>нових — %1, змінених — %2, таких самих, як уже в реєстрі, — %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No row of the file can be imported.</source>
        <translation>Жоден рядок файлу не можна імпортувати.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) have problems and will be left out; they are listed above.</source>
        <translation>
            <numerusform>%n рядок має помилки й буде пропущений; його наведено вище.</numerusform>
            <numerusform>%n рядки мають помилки й будуть пропущені; їх наведено вище.</numerusform>
            <numerusform>%n рядків мають помилки й будуть пропущені; їх наведено вище.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking the register…</source>
        <translation>Перевірка реєстру…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written %1 of %2 entries…</source>
        <translation>Записано %1 з %2 записів…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Importing the register</source>
        <translation>Імпорт реєстру</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>Імпорт скасовано; нічого не змінено.</translation>
    </message>
</context>
<context>
    <name>RegisterMenu</name>
    <message>
        <location filename="../../ui/register/menu.py" line="+43"/>
        <source>&amp;Missing persons</source>
        <translation>&amp;Зниклі безвісти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing-persons &amp;register…</source>
        <translation>&amp;Реєстр зниклих безвісти…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The relatives&apos; applications: search them, import the register</source>
        <translation>Заяви родичів: пошук у реєстрі, імпорт реєстру</translation>
    </message>
</context>
<context>
    <name>RegisterTableModel</name>
    <message>
        <location filename="../../ui/register/model.py" line="+149"/>
        <source>Register number</source>
        <translation>Номер у реєстрі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Born</source>
        <translation>Дата нар.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Стать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Military unit</source>
        <translation>Частина</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing since</source>
        <translation>Дата зникнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of disappearance</source>
        <translation>Місце зникнення</translation>
    </message>
</context>
<context>
    <name>RegisterWindow</name>
    <message>
        <location filename="../../ui/register/window.py" line="+142"/>
        <source>Missing-persons register</source>
        <translation>Реєстр зниклих безвісти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search:</source>
        <translation>&amp;Пошук:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name in Cyrillic or Latin letters, or register number — Ctrl+F</source>
        <translation>ПІБ кирилицею чи латиницею або номер у реєстрі — Ctrl+F</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the register</source>
        <translation>Пошук у реєстрі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import register…</source>
        <translation>&amp;Імпортувати реєстр…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import the register&apos;s XLSX or CSV file; entries already here are updated</source>
        <translation>Імпортувати файл реєстру (XLSX або CSV); наявні записи буде оновлено</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Counting…</source>
        <translation>Підрахунок…</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln запис</numerusform>
            <numerusform>%Ln записи</numerusform>
            <numerusform>%Ln записів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select an entry to see all it says.</source>
        <translation>Виберіть запис, щоб побачити все, що в ньому сказано.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Register number</source>
        <translation>Номер у реєстрі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Born</source>
        <translation>Дата народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Стать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citizenship</source>
        <translation>Громадянство</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Military unit</source>
        <translation>Військова частина</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing since</source>
        <translation>Дата зникнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of disappearance</source>
        <translation>Місце зникнення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Circumstances</source>
        <translation>Обставини</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distinguishing marks</source>
        <translation>Особливі прикмети</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relatives who gave DNA reference samples</source>
        <translation>Родичі, які здали зразки ДНК для порівняння</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../ui/sync/merge_wizard/result.py" line="+45"/>
        <source>Import finished</source>
        <translation>Імпорт завершено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each change of a record is kept in its history, whichever file it came from.</source>
        <translation>Кожна зміна запису зберігається в його історії, з якого б файлу вона не надійшла.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;conflicts…</source>
        <translation>Відкрити &amp;конфлікти…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open probable &amp;duplicates…</source>
        <translation>Відкрити імовірні &amp;дублікати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open de&amp;vices and keys…</source>
        <translation>Відкрити &amp;пристрої та ключі…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A supervisor chooses the value of each conflict in Conflicts.</source>
        <translation>Керівник вибирає значення для кожного конфлікту у вікні «Конфлікти».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A supervisor links or dismisses each probable duplicate.</source>
        <translation>Керівник пов’язує або відхиляє кожен імовірний дублікат.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare the key fingerprint with the laptop&apos;s screen, trust the device in Devices and keys, then import its held bundles there.</source>
        <translation>Звірте відбиток ключа з екраном ноутбука, позначте пристрій довіреним у вікні «Пристрої та ключі», а потім імпортуйте там його затримані пакети.</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../ui/admin/users.py" line="-139"/>
        <source>Role of %1</source>
        <translation>Роль %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2) was made on %3. The role chosen here decides what the account may do on this installation; at the headquarters it also reaches the laptops that name it. The records the account signed stay theirs whatever the role.</source>
        <translation>Обліковий запис %1 (%2) створено на %3. Роль, обрана тут, визначає, що цей обліковий запис може робити на цій установці; у штабі вона також доходить до ноутбуків, які вказали цей штаб. Записи, підписані цим обліковим записом, лишаються за ним за будь-якої ролі.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Role here:</source>
        <translation>&amp;Роль тут:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No role on this installation</source>
        <translation>Без ролі на цій установці</translation>
    </message>
</context>
<context>
    <name>RoundCandidatesDialog</name>
    <message>
        <location filename="../../ui/cases/candidates_round.py" line="+173"/>
        <source>Candidates of round %1</source>
        <translation>Кандидати раунду %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which applications of the missing-persons register the cases of this round may answer. The lists set priorities for DNA comparison; a candidate is not an identification. Double-click a case to open its case file, where its candidates can be prioritised or rejected.</source>
        <translation>Які заяви з реєстру зниклих безвісти можуть відповідати справам цього раунду. Списки визначають черговість порівнянь ДНК; кандидат — це не ідентифікація. Двічі клацніть справу, щоб відкрити її картку: там кандидатів можна позначити пріоритетними або відхилити.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A candidate scores at &amp;least:</source>
        <translation>Кандидат набирає &amp;щонайменше:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find candidates</source>
        <translation>&amp;Знайти кандидатів</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Finding the candidates of round %1…</source>
        <translation>Пошук кандидатів раунду %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n справа</numerusform>
            <numerusform>%n справи</numerusform>
            <numerusform>%n справ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Application / case</source>
        <translation>Заява / справа</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Born</source>
        <translation>Народження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>Бал</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cases &amp;without a candidate (%1)</source>
        <translation>Справи &amp;без кандидата (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Applications matched by several cases (%1)</source>
        <translation>Заяви, що відповідають &amp;кільком справам (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;very case</source>
        <translation>&amp;Усі справи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looking for candidates…</source>
        <translation>Пошук кандидатів…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 cases compared with %2 applications of the register; a candidate counts from a score of %3 (a prioritised one always, a rejected one never).</source>
        <translation>Справ порівняно: %1, заяв у реєстрі: %2. Кандидат враховується від %3 балів (пріоритетний — завжди, відхилений — ніколи).</translation>
    </message>
</context>
<context>
    <name>RoundCasesModel</name>
    <message>
        <location line="-203"/>
        <source>Case</source>
        <translation>Справа</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag</source>
        <translation>Бирка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Claimed name</source>
        <translation>Заявлене ПІБ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Best candidate</source>
        <translation>Найкращий кандидат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>Бал</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Рішення</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <location filename="../../ui/rounds/round_dialog.py" line="+153"/>
        <source>New round</source>
        <translation>Новий раунд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Round %1</source>
        <translation>Раунд %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Round &amp;code:</source>
        <translation>&amp;Код раунду:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Date:</source>
        <translation>&amp;Дата:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Place:</source>
        <translation>&amp;Місце:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Sending party:</source>
        <translation>Сторона, що &amp;передає:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Receiving party:</source>
        <translation>Сторона, що п&amp;риймає:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Intermediary:</source>
        <translation>П&amp;осередник:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Agreement reference:</source>
        <translation>&amp;Реквізити домовленості:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declared &amp;total:</source>
        <translation>&amp;Заявлена кількість:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Notes:</source>
        <translation>Пр&amp;имітки:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. R-2026-06-01</source>
        <translation>напр. R-2026-06-01</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. ICRC</source>
        <translation>напр. МКЧХ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not stated</source>
        <translation>не зазначено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport units</source>
        <translation>Транспортні засоби</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add transport unit…</source>
        <translation>&amp;Додати транспортний засіб…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit transport unit…</source>
        <translation>Редагувати &amp;транспортний засіб…</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Enter the round&apos;s code, e.g. R-2026-06-01.</source>
        <translation>Введіть код раунду, напр. R-2026-06-01.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Changed by someone else</source>
        <translation>Змінено іншим користувачем</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload the round to see the current values? What you typed in this window will be lost.</source>
        <translation>Перезавантажити раунд, щоб побачити поточні дані? Те, що ви ввели в цьому вікні, буде втрачено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>&amp;Перезавантажити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep editing</source>
        <translation>П&amp;родовжити редагування</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Discard changes?</source>
        <translation>Скасувати зміни?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The round has changes that are not saved. Close the window and discard them?</source>
        <translation>У раунді є незбережені зміни. Закрити вікно й відкинути їх?</translation>
    </message>
</context>
<context>
    <name>RoundsModel</name>
    <message>
        <location filename="../../ui/rounds/view.py" line="+42"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place</source>
        <translation>Місце</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sending party</source>
        <translation>Сторона, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intermediary</source>
        <translation>Посередник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Declared</source>
        <translation>Заявлено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On manifest</source>
        <translation>У списку</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>Прийнято</translation>
    </message>
</context>
<context>
    <name>RoundsView</name>
    <message>
        <location line="+39"/>
        <source>%1 — %2 — %3 received</source>
        <translation>%1 — %2 — прийнято %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — %2 — %3 of %4 received</source>
        <translation>%1 — %2 — прийнято %3 з %4</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>&amp;Edit round…</source>
        <translation>&amp;Редагувати раунд…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View round…</source>
        <translation>&amp;Переглянути раунд…</translation>
    </message>
    <message>
        <location filename="../../ui/rounds/round_dialog.py" line="+14"/>
        <source>Round</source>
        <translation>Раунд</translation>
    </message>
    <message>
        <location filename="../../ui/rounds/view.py" line="+1"/>
        <source>Ca&amp;ndidates…</source>
        <translation>Кан&amp;дидати…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The applications of the missing-persons register the round&apos;s cases may answer (never an identification)</source>
        <translation>Заяви з реєстру зниклих безвісти, яким можуть відповідати справи раунду (це не ідентифікація)</translation>
    </message>
</context>
<context>
    <name>SaveBar</name>
    <message>
        <location filename="../../ui/intake/status_lines.py" line="+104"/>
        <source>&amp;Discard this bag…</source>
        <translation>Оч&amp;истити форму…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save bag (Enter)</source>
        <translation>&amp;Зберегти мішок (Enter)</translation>
    </message>
</context>
<context>
    <name>ServiceMessages</name>
    <message>
        <location filename="../../ui/widgets/service_messages.py" line="-332"/>
        <source>The database %1 is on removable media; copy it to this computer&apos;s disk and open the copy.</source>
        <translation>База даних %1 розташована на знімному носії; скопіюйте її на диск цього комп’ютера й відкрийте копію.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a folder, not a Repat database file.</source>
        <translation>%1 — це тека, а не файл бази даних Repat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot read the database file %1: %2.</source>
        <translation>Не вдається прочитати файл бази даних %1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a Repat database (it is not an SQLite file).</source>
        <translation>%1 не є базою даних Repat (це не файл SQLite).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database file %1 is read-only; Repat needs to write to it. Check the file&apos;s permissions or copy it to a folder you can write to.</source>
        <translation>Файл бази даних %1 доступний лише для читання, а Repat потрібно записувати в нього. Перевірте права доступу до файлу або скопіюйте його в теку, до якої маєте право запису.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot create the folder %1: %2.</source>
        <translation>Не вдається створити теку %1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder %1 is read-only; Repat needs to write its database and journal there.</source>
        <translation>Тека %1 доступна лише для читання, а Repat потрібно записувати туди базу даних і її журнал.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not a Repat database (it holds other tables).</source>
        <translation>Файл не є базою даних Repat (у ньому інші таблиці).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This database was written by a newer version of Repat; install that version to open it.</source>
        <translation>Цю базу даних створено новішою версією Repat; установіть цю версію, щоб відкрити її.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The disk is full: nothing was saved. Free some space and try again.</source>
        <translation>Диск заповнено: нічого не збережено. Звільніть місце й спробуйте ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database is read-only: nothing was saved.</source>
        <translation>База даних доступна лише для читання: нічого не збережено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database is busy (another program is writing to it); try again in a moment.</source>
        <translation>База даних зайнята (в неї записує інша програма); спробуйте ще раз за мить.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not a Repat database.</source>
        <translation>Файл не є базою даних Repat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database server cannot be reached; nothing was lost. Check the network and try again.</source>
        <translation>Сервер бази даних недоступний; нічого не втрачено. Перевірте мережу й спробуйте ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to the database server was lost; nothing was lost. Try again.</source>
        <translation>З’єднання із сервером бази даних розірвано; нічого не втрачено. Спробуйте ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The upgrade left broken references; the database was not changed.</source>
        <translation>Оновлення залишило б порушені зв’язки; базу даних не змінено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repat is already open on this database (%1). Switch to that window, or close it first.</source>
        <translation>Repat уже відкрито з цією базою даних (%1). Перейдіть до того вікна або спершу закрийте його.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database refused the change: %1.</source>
        <translation>База даних відхилила зміну: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The device code must be 2 to 8 Latin capital letters or digits, starting with a letter (e.g. KH01).</source>
        <translation>Код пристрою має складатися з 2–8 великих латинських літер або цифр і починатися з літери (напр. KH01).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user name must be 2 to 64 Latin letters, digits, dots, dashes or underscores.</source>
        <translation>Ім’я користувача має складатися з 2–64 латинських літер, цифр, крапок, дефісів або знаків підкреслення.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password must be at least %1 characters long.</source>
        <translation>Пароль має містити щонайменше %1 символів.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the supervisor&apos;s full name.</source>
        <translation>Введіть ПІБ керівника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This database is already set up.</source>
        <translation>Цю базу даних уже налаштовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A device with the code %1 already exists in this database.</source>
        <translation>Пристрій із кодом %1 уже є в цій базі даних.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong user name or password.</source>
        <translation>Неправильне ім’я користувача або пароль.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the user&apos;s full name.</source>
        <translation>Введіть ПІБ користувача.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user name %1 is taken.</source>
        <translation>Ім’я користувача %1 уже зайняте.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You cannot deactivate your own account.</source>
        <translation>Не можна деактивувати власний обліковий запис.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no user %1.</source>
        <translation>Користувача %1 не існує.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The account %1 was made on %2 and has no role on this installation; a supervisor here can grant one (Users, or repat users grant).</source>
        <translation>Обліковий запис %1 створено на %2, і він не має ролі на цій установці; керівник тут може надати роль (Користувачі або repat users grant).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no user %1 made on %2.</source>
        <translation>Користувача %1, створеного на %2, не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Several accounts are called %1 (made on %2); say which installation made the one you mean.</source>
        <translation>Кілька облікових записів мають ім’я %1 (створені на %2); укажіть, на якій установці створено потрібний.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no role here yet; grant one instead (Users, or repat users grant).</source>
        <translation>%1 ще не має ролі тут; натомість надайте роль (Користувачі або repat users grant).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You cannot take away your own supervisor role.</source>
        <translation>Ви не можете забрати власну роль керівника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The headquarters %1 decides the role of %2 here; ask a supervisor there.</source>
        <translation>Роль %2 тут визначає штаб %1; зверніться до керівника там.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no trusted device %1 here; import its bundle and trust it first (repat devices trust).</source>
        <translation>Тут немає довіреного пристрою %1; спершу імпортуйте його пакет і довірте йому (repat devices trust).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two trusted devices carry the code %1; revoke the one that is not the headquarters.</source>
        <translation>Два довірені пристрої мають код %1; відкличте той, що не є штабом.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current password is wrong.</source>
        <translation>Поточний пароль неправильний.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This database has not been set up yet; run the first-run set-up (repat init).</source>
        <translation>Цю базу даних ще не налаштовано; виконайте початкове налаштування (repat init).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This installation&apos;s device record is missing.</source>
        <translation>Запис про пристрій цієї інсталяції відсутній.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in first.</source>
        <translation>Спершу увійдіть.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A round with the code %1 already exists.</source>
        <translation>Раунд із кодом %1 уже існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The round no longer exists.</source>
        <translation>Цього раунду більше не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The round does not exist.</source>
        <translation>Такого раунду не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no round %1.</source>
        <translation>Раунду %1 не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else changed this round after you opened it; reopen it and apply your change again.</source>
        <translation>Хтось інший змінив цей раунд після того, як ви його відкрили; відкрийте його знову й повторіть свою зміну.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the transport unit&apos;s plate or ID.</source>
        <translation>Введіть номерний знак або ідентифікатор транспортного засобу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The declared bag count cannot be negative.</source>
        <translation>Заявлена кількість мішків не може бути від’ємною.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This round already has a transport unit %1.</source>
        <translation>У цьому раунді вже є транспортний засіб %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The transport unit no longer exists.</source>
        <translation>Цього транспортного засобу більше не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else changed this transport unit after you opened it; reopen it.</source>
        <translation>Хтось інший змінив цей транспортний засіб після того, як ви його відкрили; відкрийте його знову.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the round first.</source>
        <translation>Спершу виберіть раунд.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tag is longer than 100 characters; check the scanner.</source>
        <translation>Бирка довша за 100 символів; перевірте сканер.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type the tag, or tick “no tag” if the bag has none.</source>
        <translation>Зіскануйте або введіть бирку чи позначте «без бирки», якщо її немає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal effect %1 has no description.</source>
        <translation>Особиста річ %1 не має опису.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal effect %1: the quantity must be at least 1.</source>
        <translation>Особиста річ %1: кількість має бути щонайменше 1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The transport unit is not part of this round.</source>
        <translation>Цей транспортний засіб не належить до цього раунду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no case %1 to attach this part to.</source>
        <translation>Справи %1, до якої можна додати цю частину, не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no case %1.</source>
        <translation>Справи %1 не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case does not exist.</source>
        <translation>Такої справи не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case no longer exists.</source>
        <translation>Цієї справи більше не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case %1 was changed by someone else after you opened it. Review their change and choose which values to keep.</source>
        <translation>Справу %1 змінив хтось інший після того, як ви її відкрили. Перегляньте ці зміни й виберіть, які значення залишити.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a photo or scan Repat can keep (use JPEG, PNG, TIFF or PDF).</source>
        <translation>%1 не є фотографією чи скан-копією, яку Repat може зберегти (використовуйте JPEG, PNG, TIFF або PDF).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is larger than %2 MB.</source>
        <translation>%1 більший за %2 МБ.</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+55"/>
        <source>Cannot read %1: %2.</source>
        <translation>Не вдається прочитати %1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The photo&apos;s content is not in this database.</source>
        <translation>Вмісту фотографії немає в цій базі даних.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A case can list at most %1 personal effects.</source>
        <translation>У справі може бути щонайбільше %1 особистих речей.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone else saved this record while you were saving; nothing of yours was written. Reopen it to see their change, then apply yours again.</source>
        <translation>Хтось інший зберіг цей запис саме тоді, коли ви його зберігали; ваших змін не записано. Відкрийте запис знову, щоб побачити цю зміну, а потім повторіть свою.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database file is damaged; restore it from a backup copy.</source>
        <translation>Файл бази даних пошкоджено; відновіть його з резервної копії.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database records several schema versions at once; it is not a Repat database.</source>
        <translation>У базі даних записано кілька версій схеми водночас; це не база даних Repat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only an SQLite database can be copied to a file.</source>
        <translation>Скопіювати у файл можна лише базу даних SQLite.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your role (%1) may not do this; it needs: %2.</source>
        <translation>Ваша роль (%1) не дозволяє цього; потрібна роль: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate %1 is issued and cannot be changed; issue a correction that supersedes it.</source>
        <translation>Акт %1 оформлено, і його не можна змінити; оформіть виправлення, яке його замінить.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate %1 is void and cannot be changed; prepare a new one.</source>
        <translation>Акт %1 анульовано, і його не можна змінити; підготуйте новий.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate %1 is issued and cannot be changed; a correction is a new certificate that supersedes it.</source>
        <translation>Акт %1 оформлено, і його не можна змінити; виправлення — це новий акт, що замінює його.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate %1 is void and cannot be changed; a correction is a new certificate that supersedes it.</source>
        <translation>Акт %1 анульовано, і його не можна змінити; виправлення — це новий акт, що замінює його.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else changed draft %1 after you opened it; reopen it.</source>
        <translation>Хтось інший змінив чернетку %1 після того, як ви її відкрили; відкрийте її знову.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else changed draft %1 at the same time; reopen it.</source>
        <translation>Хтось інший змінив чернетку %1 одночасно з вами; відкрийте її знову.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the reason for voiding the certificate.</source>
        <translation>Зазначте причину анулювання акта.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reason is longer than %1 characters.</source>
        <translation>Причина довша за %1 символів.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no certificate %1 in this database.</source>
        <translation>Акта %1 немає в цій базі даних.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The certificate does not exist.</source>
        <translation>Такого акта не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The certificate&apos;s round does not exist.</source>
        <translation>Раунду цього акта не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round %1 has no cases to print labels for.</source>
        <translation>У раунді %1 немає справ, для яких можна надрукувати бирки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list of cases is empty.</source>
        <translation>Список справ порожній.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These cases are not in this database: %1.</source>
        <translation>Цих справ немає в цій базі даних: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These cases belong to another round: %1.</source>
        <translation>Ці справи належать до іншого раунду: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose at least one case for the certificate.</source>
        <translation>Виберіть для акта щонайменше одну справу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some of the chosen cases are not in this round.</source>
        <translation>Деякі з вибраних справ не належать до цього раунду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only an issued certificate can be corrected.</source>
        <translation>Виправити можна лише оформлений акт.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate %1 is not issued, so there is nothing to correct.</source>
        <translation>Акт %1 не оформлено, тож виправляти нічого.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A correction of %1 is already being prepared: %2.</source>
        <translation>Виправлення акта %1 уже готується: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A draft cannot be moved to another round.</source>
        <translation>Чернетку не можна перенести до іншого раунду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a draft; discard it instead of voiding it.</source>
        <translation>%1 — чернетка; її треба скасувати, а не анулювати.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate %1 is already void.</source>
        <translation>Акт %1 уже анульовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only clerks and supervisors may reprint issued certificates.</source>
        <translation>Повторно друкувати оформлені акти можуть лише діловоди та керівники.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate %1 has no stored content to print.</source>
        <translation>Для акта %1 немає збереженого вмісту для друку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates are never deleted; void them instead.</source>
        <translation>Акти ніколи не видаляють; натомість їх анулюють.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case list of certificate %1 cannot be changed.</source>
        <translation>Список справ акта %1 не можна змінити.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The notes are longer than %1 characters.</source>
        <translation>Примітки довші за %1 символів.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The time %1 is not a time of day (use HH:MM).</source>
        <translation>%1 — не час доби (використовуйте формат ГГ:ХХ).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date %1 is not a date (use YYYY-MM-DD).</source>
        <translation>%1 — не дата (використовуйте формат РРРР-ММ-ДД).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each representative or witness needs a name, a position and a document.</source>
        <translation>Для кожного представника чи свідка потрібні ім’я, посада й документ.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1 is already trusted with another key (%2); revoke it first if that laptop was set up again, and give it a resume file (repat devices resume-file %3) so that its numbers continue after those already issued.</source>
        <translation>%1 уже довірений з іншим ключем (%2); спершу відкличте його, якщо цей ноутбук налаштовано заново, і дайте йому файл продовження нумерації (repat devices resume-file %3), щоб його номери йшли після вже виданих.</translation>
    </message>
    <message>
        <location line="-224"/>
        <source>permission denied</source>
        <translation>немає дозволу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the disk is full</source>
        <translation>диск заповнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file is too big for this disk</source>
        <translation>файл завеликий для цього диска</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the disk is read-only</source>
        <translation>диск доступний лише для читання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the folder does not exist</source>
        <translation>теки не існує</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Cannot write %1: %2; nothing was written.</source>
        <translation>Не вдається записати %1: %2; нічого не записано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the name of the file to write.</source>
        <translation>Зазначте назву файлу, який потрібно записати.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a folder; give the name of a file to write in it.</source>
        <translation>%1 — це тека; зазначте назву файлу, який потрібно в ній записати.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>Не вдається записати %1: теки %2 не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: %2 is not a folder.</source>
        <translation>Не вдається записати %1: %2 не є текою.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: permission denied in the folder %2.</source>
        <translation>Не вдається записати %1: немає дозволу на запис у теці %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: the existing file is read-only.</source>
        <translation>Не вдається записати %1: наявний файл доступний лише для читання.</translation>
    </message>
    <message>
        <location line="-104"/>
        <location line="+106"/>
        <source>There is no file %1.</source>
        <translation>Файлу %1 не існує.</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>%1 is not a Repat backup (it is not an SQLite file).</source>
        <translation>%1 — не резервна копія Repat (це не файл SQLite).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a Repat backup (it holds other tables).</source>
        <translation>%1 — не резервна копія Repat (у ньому інші таблиці).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was written by a newer version of Repat; install that version to restore it.</source>
        <translation>%1 записано новішою версією Repat; установіть її, щоб відновити цю копію.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is damaged (the integrity check failed); it cannot be restored.</source>
        <translation>%1 пошкоджено (перевірка цілісності не пройшла); відновити його неможливо.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is damaged (%2); it cannot be restored.</source>
        <translation>%1 пошкоджено (%2); відновити його неможливо.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is an empty Repat database, not a backup of an installation.</source>
        <translation>%1 — порожня база даних Repat, а не резервна копія установки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a Repat database that was never set up; there is nothing to restore.</source>
        <translation>%1 — база даних Repat, яку ніколи не налаштовували; відновлювати нічого.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The disk of %1 is full: the backup was not written. Free some space or choose another disk.</source>
        <translation>Диск %1 заповнено: резервну копію не записано. Звільніть місце або виберіть інший диск.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write to %1 (it is read-only or not yours); choose another folder.</source>
        <translation>Не вдається записати до %1 (лише для читання або не ваша тека); виберіть іншу теку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder %1 does not exist; choose an existing folder.</source>
        <translation>Теки %1 не існує; виберіть наявну теку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: %2.</source>
        <translation>Не вдається записати %1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This database is on a PostgreSQL server; back it up with the server&apos;s tools (pg_dump --format=custom), which copy it consistently while it is in use.</source>
        <translation>Ця база даних на сервері PostgreSQL; резервуйте її засобами сервера (pg_dump --format=custom), які узгоджено копіюють її під час роботи.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another file for the backup than the database itself.</source>
        <translation>Виберіть для резервної копії інший файл, ніж сама база даних.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This database is not set up yet; there is nothing to back up.</source>
        <translation>Цю базу даних ще не налаштовано; копіювати нічого.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup could not be written to %1: %2.</source>
        <translation>Не вдалося записати резервну копію до %1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a backup of another installation (%2), not of this one (%3); open it with --db instead of restoring it here.</source>
        <translation>%1 — резервна копія іншої установки (%2), а не цієї (%3); відкрийте її з --db замість відновлення тут.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repat is open on %1; close it before restoring.</source>
        <translation>Repat відкрито з %1; закрийте його перед відновленням.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current database could not be kept as %1 (%2); nothing was restored.</source>
        <translation>Не вдалося зберегти поточну базу даних як %1 (%2); нічого не відновлено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup could not be restored to %1: %2; the current database is unchanged.</source>
        <translation>Не вдалося відновити резервну копію до %1: %2; поточна база даних не змінилася.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup folder %1 is not there (is the memory stick plugged in?); no backup was made.</source>
        <translation>Теки резервних копій %1 немає (чи вставлено USB-накопичувач?); копію не зроблено.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>%1 is a folder, not a bundle file.</source>
        <translation>%1 — це тека, а не файл пакета.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is empty; it is not a Repat export bundle.</source>
        <translation>Файл %1 порожній; це не пакет експорту Repat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a Repat export bundle.</source>
        <translation>Файл %1 не є пакетом експорту Repat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is incomplete or damaged (it may have been cut short while copying); ask for the file again.</source>
        <translation>Файл %1 неповний або пошкоджений (можливо, його обірвано під час копіювання); попросіть файл ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature of %1 is not valid: the file was altered after it was signed, or signed with another key; it was refused.</source>
        <translation>Підпис файлу %1 недійсний: файл змінено після підписання або підписано іншим ключем; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 in %2 was changed after the bundle was signed; it was refused.</source>
        <translation>Складник %1 у %2 змінено після підписання пакета; пакет відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 in %2 does not hold the bytes its name promises; it was refused.</source>
        <translation>Складник %1 у %2 не містить тих даних, які обіцяє його назва; пакет відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was made by a newer version of Repat (bundle format %2); install that version to import it.</source>
        <translation>Файл %1 створено новішою версією Repat (формат пакета %2); установіть цю версію, щоб імпортувати його.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 contains an unsafe file name (%2); it was refused.</source>
        <translation>Файл %1 містить небезпечну назву файлу (%2); його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 contains an unexpected member (%2); it was refused.</source>
        <translation>Файл %1 містить неочікуваний складник (%2); його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 lists an unexpected member (%2); it was refused.</source>
        <translation>Файл %1 перелічує неочікуваний складник (%2); його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 contains a member the signed manifest does not list (%2); it was refused.</source>
        <translation>Файл %1 містить складник, якого немає в підписаному описі вмісту (%2); його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 contains the same member twice; it was refused.</source>
        <translation>Файл %1 містить той самий складник двічі; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has more members than a bundle may have; it was refused.</source>
        <translation>Файл %1 містить більше складників, ніж може мати пакет; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 contains an encrypted member; it was refused.</source>
        <translation>Файл %1 містить зашифрований складник; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 contains a member larger than Repat accepts (%2); it was refused.</source>
        <translation>Файл %1 містить складник, більший, ніж приймає Repat (%2); його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 contains a member that inflates far beyond its stated size (a possible zip bomb); it was refused.</source>
        <translation>Файл %1 містить складник, який під час розпакування значно перевищує заявлений розмір (можлива zip-бомба); його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 uses a compression Repat does not accept; it was refused.</source>
        <translation>Файл %1 використовує стиснення, якого Repat не приймає; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is larger than Repat accepts (%2 GB); it was refused.</source>
        <translation>Файл %1 більший, ніж приймає Repat (%2 ГБ); його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is larger than Repat accepts; it was refused.</source>
        <translation>Файл %1 більший, ніж приймає Repat; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was changed while it was being imported; import it again.</source>
        <translation>Файл %1 змінився під час імпорту; імпортуйте його ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is damaged: a member&apos;s header is missing.</source>
        <translation>Файл %1 пошкоджено: бракує заголовка одного зі складників.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is damaged: a member does not match its checksum.</source>
        <translation>Файл %1 пошкоджено: один зі складників не відповідає своїй контрольній сумі.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is damaged: a stored member&apos;s sizes disagree.</source>
        <translation>Файл %1 пошкоджено: розміри одного зі збережених складників не збігаються.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is damaged: a member cannot be inflated.</source>
        <translation>Файл %1 пошкоджено: один зі складників не вдається розпакувати.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is damaged: its manifest does not name the device that made it.</source>
        <translation>Файл %1 пошкоджено: в описі його вмісту не зазначено пристрій, що його створив.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is damaged: its list of changes cannot be read.</source>
        <translation>Файл %1 пошкоджено: не вдається прочитати його перелік змін.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bundle is damaged: a record&apos;s contents do not match the record.</source>
        <translation>Пакет пошкоджено: вміст одного із записів не відповідає самому запису.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bundle is damaged: a record&apos;s contents cannot be read.</source>
        <translation>Пакет пошкоджено: не вдається прочитати вміст одного із записів.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot copy %1 to this computer: %2.</source>
        <translation>Не вдається скопіювати %1 на цей комп’ютер: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is signed by %2 with a different key than the one registered here; revoke the old key first if that laptop was set up again.</source>
        <translation>Файл %1 підписано пристроєм %2 іншим ключем, ніж зареєстрований тут; якщо той ноутбук налаштовували заново, спершу відкличте довіру до старого ключа.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: The passphrase is wrong; nothing was imported.</source>
        <translation>%1: парольна фраза неправильна; нічого не імпортовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The bundle is encrypted with a passphrase; give the passphrase to import it.</source>
        <translation>%1: пакет зашифровано парольною фразою; введіть її, щоб імпортувати пакет.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The bundle is encrypted for the headquarters&apos; key, which this database does not hold.</source>
        <translation>%1: пакет зашифровано для ключа штабу, якого немає в цій базі даних.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The bundle is encrypted for another headquarters key than the one this database holds.</source>
        <translation>%1: пакет зашифровано для іншого ключа штабу, ніж той, що є в цій базі даних.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The encrypted file is damaged or was altered; nothing was imported.</source>
        <translation>%1: зашифрований файл пошкоджено або змінено; нічого не імпортовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The encrypted file is incomplete (it may have been cut short while copying); ask for it again.</source>
        <translation>%1: зашифрований файл неповний (можливо, його обірвано під час копіювання); попросіть його ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The encrypted file is damaged.</source>
        <translation>%1: зашифрований файл пошкоджено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The encrypted file&apos;s header is damaged.</source>
        <translation>%1: заголовок зашифрованого файлу пошкоджено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The encrypted file has data after its end; it was refused.</source>
        <translation>%1: зашифрований файл містить дані після свого кінця; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The encrypted bundle is larger than Repat accepts; it was refused.</source>
        <translation>%1: зашифрований пакет більший, ніж приймає Repat; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The encrypted file asks for unreasonable key-derivation settings; it was refused.</source>
        <translation>%1: зашифрований файл вимагає неприйнятних параметрів формування ключа; його відхилено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The file was encrypted by a newer version of Repat; install that version to open it.</source>
        <translation>%1: файл зашифровано новішою версією Repat; установіть цю версію, щоб відкрити його.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The file is encrypted in a way this version of Repat does not know.</source>
        <translation>%1: файл зашифровано способом, якого ця версія Repat не знає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: The file is not an encrypted Repat bundle.</source>
        <translation>%1: файл не є зашифрованим пакетом Repat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is nothing new to export since the last bundle (use --full to export everything).</source>
        <translation>Від останнього пакета немає нічого нового для експорту (щоб експортувати все, виберіть повний експорт).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This database holds no records to export.</source>
        <translation>У цій базі даних немає записів для експорту.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This installation has no signing key; it cannot export.</source>
        <translation>Ця інсталяція не має ключа підпису; експорт неможливий.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose either a passphrase or the headquarters&apos; key, not both.</source>
        <translation>Виберіть або парольну фразу, або ключ штабу — не обидва.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a passphrase or the headquarters&apos; key to encrypt the bundle.</source>
        <translation>Виберіть парольну фразу або ключ штабу, щоб зашифрувати пакет.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase is empty; choose one and give it to the headquarters separately.</source>
        <translation>Парольна фраза порожня; виберіть її й передайте штабу окремо.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot read the headquarters key %1: %2.</source>
        <translation>Не вдається прочитати ключ штабу %1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file holds another kind of key, not the headquarters&apos; X25519 public key.</source>
        <translation>Файл містить ключ іншого типу, а не відкритий ключ штабу X25519.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not a headquarters public key (expected a PEM file from `repat keys hq-public`).</source>
        <translation>Файл не є відкритим ключем штабу (очікувався файл PEM, створений командою `repat keys hq-public`).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a folder; give the bundle file&apos;s name, e.g. %2.</source>
        <translation>%1 — це тека; зазначте назву файлу пакета, напр. %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder %1 does not exist.</source>
        <translation>Теки %1 не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write to the folder %1.</source>
        <translation>Не вдається записати в теку %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: %2; nothing was marked as exported.</source>
        <translation>Не вдається записати %1: %2; нічого не позначено як експортоване.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot keep a copy of %1 in quarantine: %2; nothing was imported.</source>
        <translation>Не вдається зберегти копію %1 у карантині: %2; нічого не імпортовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundle could not be read back correctly; nothing was marked as exported.</source>
        <translation>Записаний пакет не вдалося правильно прочитати для перевірки; нічого не позначено як експортоване.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The encrypted bundle could not be read back; nothing was marked as exported.</source>
        <translation>Записаний зашифрований пакет не вдалося прочитати для перевірки; нічого не позначено як експортоване.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose at least one bundle file to import.</source>
        <translation>Виберіть для імпорту щонайменше один файл пакета.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no device %1 here.</source>
        <translation>Пристрою %1 тут немає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no device %1 here; import one of its bundles first (it will be held).</source>
        <translation>Пристрою %1 тут немає; спершу імпортуйте один із його пакетів (його буде затримано).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is this device; it trusts itself.</source>
        <translation>%1 — це цей пристрій; він довіряє сам собі.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is this device; it cannot be revoked here.</source>
        <translation>%1 — це цей пристрій; тут не можна відкликати довіру до нього.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key of %1 here has the fingerprint %2.</source>
        <translation>Жоден відомий тут ключ пристрою %1 не має відбитка %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key is known for %1: import one of its bundles first (it will be held), then trust it.</source>
        <translation>Для пристрою %1 не відомо жодного ключа: спершу імпортуйте один із його пакетів (його буде затримано), а потім позначте пристрій довіреним.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has %2 different keys here; give the fingerprint the laptop shows to choose one.</source>
        <translation>Для пристрою %1 тут відомо кілька різних ключів (%2); щоб вибрати один, введіть відбиток, який показує ноутбук.</translation>
    </message>
    <message>
        <source>%1 is already trusted with another key (%2); revoke it first if that laptop was set up again.</source>
        <translation type="vanished">Пристрою %1 уже довіряють з іншим ключем (%2); якщо той ноутбук налаштовували заново, спершу відкличте довіру.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not trusted; trust it first (compare its key fingerprint).</source>
        <translation>Пристрою %1 не довіряють; спершу позначте його довіреним (звірте відбиток ключа).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The held copy %1 is missing (it was kept on another computer?); import the original file of %2 again.</source>
        <translation>Затриманої копії %1 немає (можливо, її збережено на іншому комп’ютері?); імпортуйте оригінальний файл пристрою %2 ще раз.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name at least one round, or choose to receive all rounds.</source>
        <translation>Зазначте щонайменше один раунд або виберіть отримання всіх раундів.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no conflict %1.</source>
        <translation>Конфлікту %1 немає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This conflict is already resolved.</source>
        <translation>Цей конфлікт уже врегульовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The value is longer than %1 characters.</source>
        <translation>Значення довше за %1 символів.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick one of the values or type another one (not both).</source>
        <translation>Виберіть одне зі значень або введіть інше (але не обидва).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a valid value here; choose one of: %2.</source>
        <translation>%1 — неприпустиме тут значення; виберіть одне з таких: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The record is not in the database yet (it waits for a record not received); import the missing bundle first.</source>
        <translation>Цього запису ще немає в базі даних (він очікує запису, який ще не надійшов); спершу імпортуйте пакет, якого бракує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The record&apos;s current version is missing from the log; it cannot be resolved here.</source>
        <translation>Поточної версії запису немає в журналі змін; тут цей конфлікт не можна врегулювати.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no probable duplicate %1.</source>
        <translation>Імовірного дубліката %1 немає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only two cases can be linked as the same remains; dismiss this flag instead.</source>
        <translation>Як ті самі останки можна пов’язати лише дві справи; натомість зніміть цю позначку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One of the two cases is not in this database.</source>
        <translation>Однієї з двох справ немає в цій базі даних.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The start of the period is after its end.</source>
        <translation>Початок періоду пізніший за його кінець.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One of the rounds no longer exists.</source>
        <translation>Одного з раундів більше не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No round matches the chosen rounds and period.</source>
        <translation>Жоден раунд не відповідає вибраним раундам і періоду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown figure: %1.</source>
        <translation>Невідомий показник: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown report format %1; use pdf or csv.</source>
        <translation>Невідомий формат звіту %1; використовуйте pdf або csv.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge conflicts and probable duplicates are settled in the merge view.</source>
        <translation>Конфлікти злиття та імовірні дублікати врегульовуються в поданні злиття.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The record of this discrepancy is not part of the round.</source>
        <translation>Запис цієї розбіжності не належить до раунду.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the explanation first.</source>
        <translation>Спершу напишіть пояснення.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The explanation is longer than %1 characters.</source>
        <translation>Пояснення довше за %1 символів.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the discrepancies to explain.</source>
        <translation>Виберіть розбіжності, які потрібно пояснити.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain the discrepancy before marking it resolved.</source>
        <translation>Поясніть розбіжність, перш ніж позначати її як врегульовану.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case %1 was changed by someone else after you opened it; reopen it to see their change, then apply yours again.</source>
        <translation>Справу %1 змінив хтось інший після того, як ви її відкрили; відкрийте її знову, щоб побачити цю зміну, а потім повторіть свою.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter when the examination was completed.</source>
        <translation>Зазначте, коли завершено дослідження.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter who examined the remains.</source>
        <translation>Зазначте, хто досліджував останки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The examination time is in the future.</source>
        <translation>Час дослідження припадає на майбутнє.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The examination of case %1 cannot be before the remains were received.</source>
        <translation>Дослідження справи %1 не може відбутися раніше, ніж прийнято останки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The examination of case %1 is completed and recorded in its custody chain; it cannot be reopened. Add what you found to its notes instead.</source>
        <translation>Дослідження справи %1 завершено й записано в ланцюг передачі; його не можна відкрити знову. Натомість додайте виявлене до приміток.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the date the sample was taken.</source>
        <translation>Зазначте дату відбору зразка.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sampling date is in the future.</source>
        <translation>Дата відбору зразка припадає на майбутнє.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case %1 already has a sample numbered %2.</source>
        <translation>У справі %1 уже є зразок із номером %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample no longer exists.</source>
        <translation>Цього зразка більше не існує.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the established name.</source>
        <translation>Введіть встановлене ПІБ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the name of who identified the remains.</source>
        <translation>Зазначте, хто ідентифікував останки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the date of the identification.</source>
        <translation>Зазначте дату ідентифікації.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The identification date is in the future.</source>
        <translation>Дата ідентифікації припадає на майбутнє.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the completed examination of case %1 before its identification.</source>
        <translation>Перш ніж реєструвати ідентифікацію, зареєструйте завершене дослідження справи %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the recipient&apos;s name.</source>
        <translation>Введіть ПІБ отримувача.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the recipient&apos;s identity document.</source>
        <translation>Зазначте документ, що посвідчує особу отримувача.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter when the remains were released.</source>
        <translation>Зазначте, коли видано останки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The release time is in the future.</source>
        <translation>Час видачі припадає на майбутнє.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The release of case %1 cannot be before the remains were received.</source>
        <translation>Видача останків за справою %1 не може відбутися раніше, ніж їх прийнято.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The release of case %1 cannot be before its examination.</source>
        <translation>Видача останків за справою %1 не може відбутися раніше за їх дослідження.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case %1 has already been released.</source>
        <translation>Останки за справою %1 уже видано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case %1 was returned; it cannot be released.</source>
        <translation>Справу %1 повернуто; видати останки неможливо.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the identification of case %1 before releasing the remains.</source>
        <translation>Перш ніж видавати останки, зареєструйте ідентифікацію справи %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown encoding %1: use UTF-8 or Windows-1251 (cp1251).</source>
        <translation>Невідоме кодування %1: використовуйте UTF-8 або Windows-1251 (cp1251).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The delimiter must be a comma or a semicolon.</source>
        <translation>Роздільником має бути кома або крапка з комою.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file has no column %1.</source>
        <translation>У файлі немає стовпця %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Скасовано; нічого не змінено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking %1</source>
        <translation>Перевірка %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing %1</source>
        <translation>Імпорт %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: Updating records</source>
        <translation>%1: оновлення записів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: Merging concurrent changes</source>
        <translation>%1: об’єднання одночасних змін</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: Storing attachments</source>
        <translation>%1: збереження вкладень</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: Looking for probable duplicates</source>
        <translation>%1: пошук імовірних дублікатів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bringing the reconciliation figures up to date</source>
        <translation>Оновлення показників звіряння</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving</source>
        <translation>Збереження</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is not a reception time written YYYY-MM-DD HH:MM (e.g. 2025-06-11 14:30).</source>
        <translation>«%1» — не час прийняття у форматі РРРР-ММ-ДД ГГ:ХХ (наприклад, 2025-06-11 14:30).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reason for the reception time is longer than %1 characters.</source>
        <translation>Причина часу прийняття довша за %1 символів.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reception time %1 lies in the future; check the date and time.</source>
        <translation>Час прийняття %1 — у майбутньому; перевірте дату й час.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reception time %1 is before the round&apos;s date (%2); check the date, or choose the round the bag belongs to.</source>
        <translation>Час прийняття %1 раніший за дату раунду (%2); перевірте дату або виберіть раунд, до якого належить мішок.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reception time %1 is after the round&apos;s days (%2 to %3); give the reason the bag was received later.</source>
        <translation>Час прийняття %1 пізніший за дні раунду (з %2 по %3); зазначте причину, чому мішок прийнято пізніше.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the reason the case is voided.</source>
        <translation>Зазначте причину скасування справи.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case %1 is already void.</source>
        <translation>Справу %1 уже скасовано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case %1 is listed on the issued act %2; void or correct the act first.</source>
        <translation>Справа %1 є в оформленому акті %2; спершу скасуйте або виправте акт.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was decided about application %1 for case %2.</source>
        <translation>Щодо заяви %1 для справи %2 рішення не ухвалювали.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The application is no longer in the register.</source>
        <translation>Цієї заяви вже немає в реєстрі.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The note is longer than %1 characters.</source>
        <translation>Примітка довша за %1 символів.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/shell/settings.py" line="+125"/>
        <location line="+71"/>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>&amp;Language:</source>
        <translation>&amp;Мова:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database:</source>
        <translation>&amp;База даних:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log &amp;file:</source>
        <translation>&amp;Файл журналу:</translation>
    </message>
    <message>
        <source>Menus and windows change language at once; a form that is already filled in keeps its labels until Repat is restarted.</source>
        <translation type="vanished">Меню та вікна змінюють мову відразу; форма, яку вже заповнюють, зберігає свої підписи до перезапуску Repat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Menus, windows and forms change language at once; what is typed in a form stays.</source>
        <translation>Меню, вікна й форми змінюють мову одразу; те, що введено у форму, залишається.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Огляд…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back&amp;up folder:</source>
        <translation>&amp;Тека резервних копій:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choo&amp;se…</source>
        <translation>&amp;Вибрати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none: no automatic backup</source>
        <translation>не задано: без автоматичних копій</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once a day while Repat runs, a checked copy of the database is written there and the last %1 are kept: a memory stick or another disk, so a laptop that dies loses nothing of the day.</source>
        <translation>Раз на день, поки працює Repat, туди записується перевірена копія бази даних і зберігаються останні %1: USB-накопичувач або інший диск, щоб ноутбук, який зламався, не втратив роботу дня.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Test connection</source>
        <translation>&amp;Перевірити з’єднання</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty: the database in your data folder. A headquarters server is given as postgresql://user@server/database. The change takes effect when Repat is next started; --db on the command line takes precedence.</source>
        <translation>Порожньо — база даних у вашій теці даних. Сервер штабу задають як postgresql://user@server/database. Зміна набуде чинності під час наступного запуску Repat; параметр --db у командному рядку має пріоритет.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Database file</source>
        <translation>Файл бази даних</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repat database (*.sqlite3 *.db);;All files (*)</source>
        <translation>База даних Repat (*.sqlite3 *.db);;Усі файли (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Connecting…</source>
        <translation>Підключення…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The database opened and is ready.</source>
        <translation>Базу даних відкрито; вона готова до роботи.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup folder</source>
        <translation>Тека резервних копій</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Repat will use the new database when it is next started.</source>
        <translation>Repat використовуватиме нову базу даних після наступного запуску.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../ui/main.py" line="+172"/>
        <source>Restore from a backup</source>
        <translation>Відновити з резервної копії</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restored %1 case(s) from %2. The database it replaced is kept as %3.</source>
        <translation>Відновлено справ: %1 з %2. Замінену базу даних збережено як %3.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location line="-119"/>
        <source>Repat cannot start</source>
        <translation>Repat не вдається запустити</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <location filename="../../ui/sync/menu.py" line="+63"/>
        <source>E&amp;xchange</source>
        <translation>Обмін д&amp;аними</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export for headquarters…</source>
        <translation>&amp;Експорт для штабу…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write this database&apos;s new changes into a signed bundle file</source>
        <translation>Записати нові зміни цієї бази даних у підписаний файл пакета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import and merge…</source>
        <translation>&amp;Імпорт і злиття…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import bundle files from laptops or the headquarters</source>
        <translation>Імпортувати файли пакетів із ноутбуків або зі штабу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Конфлікти…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve fields changed differently on two devices</source>
        <translation>Врегулювати поля, по-різному змінені на двох пристроях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See fields changed differently on two devices</source>
        <translation>Переглянути поля, по-різному змінені на двох пристроях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probable &amp;duplicates…</source>
        <translation>Імовірні &amp;дублікати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases that look like the same remains</source>
        <translation>Справи, схожі на ті самі останки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;vices and keys…</source>
        <translation>&amp;Пристрої та ключі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This device&apos;s key fingerprint, trusted devices, quarantine</source>
        <translation>Відбиток ключа цього пристрою, довірені пристрої, карантин</translation>
    </message>
</context>
<context>
    <name>TagIndicator</name>
    <message>
        <location filename="../../ui/intake/tag_row.py" line="+65"/>
        <source>ALREADY RECEIVED: tag %1 was received in this round as %2. Check the bag; saving it will ask you to confirm it is another bag with the same tag.</source>
        <translation>ВЖЕ ПРИЙНЯТО: бирку %1 у цьому раунді прийнято як %2. Перевірте мішок; під час збереження потрібно буде підтвердити, що це інший мішок із такою самою биркою.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tag is not on the manifest either.</source>
        <translation>Цієї бирки також немає у списку.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On the manifest — claimed identity filled in from the sending side&apos;s list.</source>
        <translation>Є у списку — заявлену особу заповнено зі списку сторони, що передає.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not on the manifest — will be recorded as a discrepancy.</source>
        <translation>Немає у списку — буде зафіксовано як розбіжність.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ALREADY RECEIVED: tag %1 was received in this round as %2.</source>
        <translation>ВЖЕ ПРИЙНЯТО: бирку %1 у цьому раунді прийнято як %2.</translation>
    </message>
</context>
<context>
    <name>TagRow</name>
    <message>
        <location line="+71"/>
        <source>Sender&apos;s tag</source>
        <translation>Бирка сторони, що передає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type the tag</source>
        <translation>Зіскануйте або введіть бирку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tag:</source>
        <translation>&amp;Бирка:</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Tag %1 was scanned a second time; nothing changed. Save the bag with Enter in an empty field or Ctrl+Enter.</source>
        <translation>Бирку %1 відскановано вдруге; нічого не змінилося. Збережіть мішок клавішею Enter у порожньому полі або Ctrl+Enter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A scan (%1) arrived in a field that is not for scans; it was left out and nothing was saved. Save this bag first (Ctrl+Enter), then scan the next tag.</source>
        <translation>Скан (%1) потрапив у поле, не призначене для сканування; його відкинуто, нічого не збережено. Спершу збережіть цей мішок (Ctrl+Enter), потім скануйте наступну бирку.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../../ui/widgets/tasks.py" line="+98"/>
        <source>Something went wrong: %1. Details are in the log.</source>
        <translation>Сталася помилка: %1. Подробиці записано в журнал.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>TransportUnitDialog</name>
    <message>
        <location filename="../../ui/rounds/transport_units.py" line="+154"/>
        <source>Transport unit</source>
        <translation>Транспортний засіб</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Plate or ID:</source>
        <translation>&amp;Номер або ID:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Description:</source>
        <translation>&amp;Опис:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Seal numbers:</source>
        <translation>Номери &amp;пломб:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seals &amp;state:</source>
        <translation>&amp;Стан пломб:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Declared &amp;bags:</source>
        <translation>Заявлено &amp;мішків:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Notes:</source>
        <translation>Пр&amp;имітки:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. refrigerated trailer</source>
        <translation>напр. рефрижераторний причіп</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>separate several numbers with commas</source>
        <translation>кілька номерів розділяйте комами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not stated</source>
        <translation>не зазначено</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter the plate number or ID of the trailer or vehicle.</source>
        <translation>Введіть номерний знак або ідентифікатор причепа чи транспортного засобу.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This round already has a transport unit %1.</source>
        <translation>У цьому раунді вже є транспортний засіб %1.</translation>
    </message>
</context>
<context>
    <name>TransportUnits</name>
    <message>
        <location line="-123"/>
        <source>Unknown</source>
        <translation>Невідомо</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Intact</source>
        <translation>Цілі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Broken</source>
        <translation>Порушені</translation>
    </message>
</context>
<context>
    <name>TransportUnitsModel</name>
    <message>
        <location line="+7"/>
        <source>Plate / ID</source>
        <translation>Номер / ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seal numbers</source>
        <translation>Номери пломб</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seals</source>
        <translation>Пломби</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Declared bags</source>
        <translation>Заявлено мішків</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted</source>
        <translation>Пораховано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>Примітки</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../ui/sync/devices/trust.py" line="+75"/>
        <source>Trust %1</source>
        <translation>Довіряти пристрою %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On %1&apos;s laptop, open Exchange → Devices and keys: it shows its key fingerprint. Type it here (or scan its QR code into the field), or compare it digit by digit with the key seen here. Trust the device only if they are the same.</source>
        <translation>На ноутбуці %1 відкрийте «Обмін даними → Пристрої та ключі»: там показано відбиток його ключа. Введіть його тут (або зіскануйте його QR-код у це поле) чи звірте цифра за цифрою з ключем, отриманим тут. Довіряйте пристрою, лише якщо вони однакові.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key seen here:</source>
        <translation>Ключ, отриманий тут:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fingerprint the laptop shows:</source>
        <translation>&amp;Відбиток на екрані ноутбука:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I &amp;compared them digit by digit: they are the same</source>
        <translation>&amp;Звірено цифра за цифрою: вони однакові</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&amp;Import its %n held bundle(s) now</source>
        <translation>
            <numerusform>&amp;Імпортувати зараз його %n затриманий пакет</numerusform>
            <numerusform>&amp;Імпортувати зараз його %n затримані пакети</numerusform>
            <numerusform>&amp;Імпортувати зараз його %n затриманих пакетів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trust</source>
        <translation>&amp;Довіряти</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The same as the key seen here.</source>
        <translation>Збігається з ключем, отриманим тут.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not the same (yet): do not trust a key that differs.</source>
        <translation>Не збігається (поки що): не довіряйте ключу, який відрізняється.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/admin/users.py" line="+190"/>
        <location line="+36"/>
        <source>Users</source>
        <translation>Користувачі</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>&amp;Add user…</source>
        <translation>&amp;Додати користувача…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role here…</source>
        <translation>&amp;Роль тут…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set &amp;password…</source>
        <translation>Задати &amp;пароль…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Deactivate</source>
        <translation>Д&amp;еактивувати</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re&amp;activate</source>
        <translation>&amp;Активувати знову</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The password of %1 was changed.</source>
        <translation>Пароль %1 змінено.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Deactivate account</source>
        <translation>Деактивувати обліковий запис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivate %1 (%2)? They will no longer be able to log in; their records stay.</source>
        <translation>Деактивувати %1 (%2)? Користувач більше не зможе увійти; внесені ним записи збережуться.</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location line="-332"/>
        <source>User name</source>
        <translation>Ім’я користувача</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Full name</source>
        <translation>ПІБ</translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="vanished">Роль</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role here</source>
        <translation>Роль тут</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Made on</source>
        <translation>Створено на</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>Обліковий запис</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Made on another installation: it signs what it recorded, and acts here only once a supervisor here grants it a role.</source>
        <translation>Створено на іншій установці: підписує те, що записав, а діяти тут може лише після того, як керівник тут надасть йому роль.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Granted by %1.</source>
        <translation>Надано: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No role here</source>
        <translation>Без ролі тут</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <translation>Активний</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deactivated</source>
        <translation>Деактивований</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../ui/documents/verify.py" line="+100"/>
        <source>Verify document</source>
        <translation>Перевірка документа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрити</translation>
    </message>
</context>
<context>
    <name>VerifyField</name>
    <message>
        <location line="-52"/>
        <source>&amp;Verify document — scan the QR code or type the certificate number:</source>
        <translation>&amp;Перевірка документа — зіскануйте QR-код або введіть номер акта:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REPAT:CERT:… or KH01-A-2026-0001</source>
        <translation>REPAT:CERT:… або KH01-A-2026-0001</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;heck</source>
        <translation>Пере&amp;вірити</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Verify document</source>
        <translation>Перевірка документа</translation>
    </message>
</context>
<context>
    <name>VoidCaseDialog</name>
    <message>
        <location filename="../../ui/cases/void.py" line="+37"/>
        <source>Void case %1</source>
        <translation>Скасувати справу %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Void case %1 because it was recorded in error (a bag scanned into the wrong round, a test entry)? It leaves the round&apos;s counts on every computer once exchanged; its history is kept and your reason is listed in the round&apos;s discrepancies. A case on an issued act cannot be voided: void or correct the act first.</source>
        <translation>Скасувати справу %1 як внесену помилково (мішок, відсканований не в той раунд, тестовий запис)? Після обміну вона зникне з підрахунків раунду на кожному комп’ютері; її історія збережеться, а ваша причина буде в розбіжностях раунду. Справу з оформленого акта скасувати не можна: спершу скасуйте або виправте акт.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Причина (обов’язково):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason for voiding</source>
        <translation>Причина скасування</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Void case</source>
        <translation>&amp;Скасувати справу</translation>
    </message>
</context>
</TS>
