"""Ukrainian and English wording printed on documents, side by side.

Documents are bilingual by design (the two sides and the intermediary read them), so the words
are fixed here rather than translated at run time. Each entry is ``(Ukrainian, English)``.
"""

from __future__ import annotations

Bi = tuple[str, str]

KIND_TITLE: dict[str, Bi] = {
    "acceptance": ("Акт приймання-передачі тіл (останків)", "Act of acceptance and transfer of remains"),
    "transfer": (
        "Акт передачі тіл (останків) до судово-медичної установи",
        "Act of transfer of remains to a forensic institution",
    ),
    "release": ("Акт видачі тіла (останків) родині", "Act of release of remains to the family"),
}

KIND_LETTER = {"acceptance": "A", "transfer": "T", "release": "R"}

PARTY_ROLE: dict[str, dict[str, Bi]] = {
    "acceptance": {
        "sending": ("Сторона, що передає", "Sending party"),
        "receiving": ("Сторона, що приймає", "Receiving party"),
        "intermediary": ("Посередник", "Intermediary"),
    },
    "transfer": {
        "sending": ("Сторона, що передає", "Transferring party"),
        "receiving": ("Судово-медична установа", "Forensic institution"),
        "intermediary": ("Посередник", "Intermediary"),
    },
    "release": {
        "sending": ("Установа, що видає", "Releasing institution"),
        "receiving": ("Родина (отримувач)", "Family (recipient)"),
        "intermediary": ("Посередник", "Intermediary"),
    },
}

SIGNATURE_VERB: dict[str, Bi] = {
    "sending": ("Передав", "Handed over by"),
    "receiving": ("Прийняв", "Received by"),
    "intermediary": ("Засвідчив", "Witnessed by"),
}

CATEGORY: dict[str, Bi] = {
    "complete": ("Повне тіло", "Complete body"),
    "partial": ("Неповні останки", "Partial remains"),
    "fragments": ("Фрагменти", "Fragments"),
    "commingled": ("Змішані останки", "Commingled remains"),
}

CONDITION: dict[str, Bi] = {
    "decomposed": ("Розкладання", "Decomposed"),
    "skeletonised": ("Скелетовані", "Skeletonised"),
    "burnt": ("Обгорілі", "Burnt"),
    "mummified": ("Муміфіковані", "Mummified"),
    "bag_damaged": ("Мішок пошкоджено", "Bag damaged"),
    "no_tag": ("Без бирки", "No tag"),
    "tag_illegible": ("Бирка нерозбірлива", "Tag illegible"),
    "documents_found": ("Знайдено документи", "Documents found"),
}

SEX: dict[str, Bi] = {
    "unknown": ("Не оцінено", "Not assessed"),
    "male": ("Чоловіча", "Male"),
    "female": ("Жіноча", "Female"),
    "undetermined": ("Не визначено", "Undetermined"),
}

AGE_GROUP: dict[str, Bi] = {
    "unknown": ("Не оцінено", "Not assessed"),
    "child": ("Дитина", "Child"),
    "adolescent": ("Підліток", "Adolescent"),
    "young_adult": ("Молодий дорослий", "Young adult"),
    "adult": ("Дорослий", "Adult"),
    "older_adult": ("Літній", "Older adult"),
}

CASE_STATUS: dict[str, Bi] = {
    "received": ("Прийнято", "Received"),
    "stored": ("На зберіганні", "Stored"),
    "examined": ("Досліджено", "Examined"),
    "identified": ("Ідентифіковано", "Identified"),
    "released": ("Видано", "Released"),
    "returned": ("Повернуто", "Returned"),
}

CUSTODY_EVENT: dict[str, Bi] = {
    "received": ("Прийнято", "Received"),
    "certified": ("Засвідчено актом", "Certified"),
    "stored": ("Розміщено на зберігання", "Stored"),
    "transferred": ("Передано", "Transferred"),
    "examined": ("Досліджено", "Examined"),
    "released": ("Видано", "Released"),
    "returned": ("Повернуто", "Returned"),
}

EFFECT_CATEGORY: dict[str, Bi] = {
    "document": ("Документ", "Document"),
    "identity_tag": ("Жетон", "Identity tag"),
    "phone": ("Телефон", "Phone"),
    "jewellery": ("Прикраси", "Jewellery"),
    "clothing": ("Одяг", "Clothing"),
    "money": ("Гроші", "Money"),
    "photo": ("Фотографія", "Photograph"),
    "other": ("Інше", "Other"),
}

DISCREPANCY: dict[str, Bi] = {
    "declared_not_received": ("Заявлено, але не отримано", "Declared but not received"),
    "received_not_declared": ("Отримано, але не заявлено", "Received but not declared"),
    "duplicate_tag": ("Повторна бирка", "Duplicate tag"),
    "count_mismatch": ("Розбіжність кількості", "Count mismatch"),
    "identity_disputed": ("Особу оспорено", "Identity disputed"),
    "commingled": ("Змішані останки", "Commingled remains"),
    "broken_seal": ("Порушені пломби", "Broken seals"),
    "custody_gap": ("Розрив ланцюга передачі", "Custody-chain gap"),
}

# The reconciliation's figures (app.services.reconciliation.round_figures), as the reconciliation
# report and the letter for the family liaison officers print them.
FIGURE: dict[str, Bi] = {
    "declared_total": ("Заявлено стороною, що передає", "Declared by the sending side"),
    "manifest_lines": ("Рядків у списку сторони", "Lines on the sending side's list"),
    "received": ("Отримано (справ)", "Received (cases)"),
    "certified": ("У виданих актах", "In issued certificates"),
    "examined": ("Досліджено", "Examined"),
    "sampled": ("Відібрано зразки для ідентифікації", "Sampled for identification"),
    "identified": ("Ідентифіковано", "Identified"),
    "released": ("Видано родинам", "Released to families"),
    "returned": ("Повернуто", "Returned"),
    "declared_not_received": ("Заявлено, але не отримано", "Declared but not received"),
    "received_not_declared": ("Отримано, але не заявлено", "Received but not declared"),
    "duplicate_tags": ("Повторні бирки", "Duplicate tags"),
    "declared_total_mismatch": ("Заявлена кількість ≠ отриманій", "Declared total ≠ received"),
    "bag_count_mismatch": ("Розбіжність кількості мішків (транспорт)", "Bag-count mismatch (transport units)"),
    "broken_seals": ("Порушені пломби", "Broken seals"),
    "commingled": ("Змішані останки", "Commingled remains"),
    "identity_disputed": ("Заявлену особу оспорено", "Claimed identity disputed"),
    "custody_gaps": ("Розриви ланцюга передачі", "Custody-chain gaps"),
    "open_conflicts": ("Невирішені конфлікти злиття", "Open merge conflicts"),
    "probable_duplicates": ("Ймовірні дублікати", "Probable duplicates"),
}

CLAIM_SOURCE: dict[str, Bi] = {
    "manifest": ("Список сторони, що передає", "Sending side's list"),
    "documents": ("Документи при тілі", "Documents found on the body"),
}

SEAL_STATE: dict[str, Bi] = {
    "intact": ("цілі", "intact"),
    "broken": ("порушені", "broken"),
    "unknown": ("не перевірено", "not checked"),
}


def bi(pair: Bi, sep: str = " / ") -> str:
    """``"Українською / In English"`` on one line."""
    return f"{pair[0]}{sep}{pair[1]}"


def term(table: dict[str, Bi], code: str | None, sep: str = " / ") -> str:
    """A stored code in both languages; an unknown code is printed as it is."""
    if not code:
        return ""
    pair = table.get(code)
    return bi(pair, sep) if pair else code


def seal_state(intact: bool | None) -> str:
    key = "unknown" if intact is None else ("intact" if intact else "broken")
    return bi(SEAL_STATE[key])
