"""The reconciliation dashboard: every round at a glance, with charts, every figure clickable.

``DashboardView(ctx)`` shows one row per round (and a total row: all rounds shown, or the
rounds selected) with every figure of ``app.services.reconciliation.round_figures`` and the
number of unexplained discrepancies (the table: ``figures_table``); a bar chart of declared /
received / identified per round and a line chart of progress over time. Clicking a figure (or
Enter on it) lists the records behind it (``figure_list``); a case opens in its case file. The
figures are computed on a worker thread. *Report…* writes the reconciliation of the rounds shown
or selected; *Liaison letter…* the letter for the family liaison officers about the selected
round (``ui.documents.liaison_letter``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import shiboken6

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QEvent, QItemSelectionModel, QModelIndex, Qt, QTime, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.reports import reconciliation_file
from app.services.context import AppContext
from app.services.reconciliation import cache, round_figures
from app.services.reconciliation.round_figures import (
    DISCREPANCY_KEYS,
    FIGURE_KEYS,
    PROGRESS_KEYS,
    RoundFigures,
)

from ui import i18n
from ui.reconciliation.figure_list import FigureListDialog
from ui.reconciliation.figure_names import _number, figure_label
from ui.reconciliation.figures_table import FiguresModel, _FiguresTable
from ui.widgets import labels, tasks
from ui.widgets.service_messages import user_message

CHART_ROUNDS = 20  # the bar chart shows the latest rounds of the period


def _chart_labels(rows: Sequence[RoundFigures]) -> list[str]:
    """Short, unique labels for the bar chart: the round code when short, else its date."""
    labels_: list[str] = []
    for r in rows:
        text = r.code if len(r.code) <= 10 else (r.round_date.strftime("%d.%m") if r.round_date else r.code[-10:])
        while text in labels_:
            text += "\u200b"  # the axis needs distinct categories; two rounds may share a day
        labels_.append(text)
    return labels_


class DashboardView(QWidget):
    """Every round's reconciliation with charts; ``refresh()`` recomputes off the GUI thread."""

    refreshed = Signal()
    discrepanciesChanged = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self._ctx = ctx
        self._generation = 0
        self._busy = False
        self.list_dialog: FigureListDialog | None = None
        self._loaded_once = False
        self._build()
        self._show_columns()
        self.retranslate()

    def showEvent(self, event: Any) -> None:
        """The figures are computed when the dashboard is first shown, not when it is made."""
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()

    # -- construction --

    def _build(self) -> None:
        self.period_box = QCheckBox(self)
        self.period_box.toggled.connect(self._period_toggled)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        today = QDate.currentDate()
        self.date_from.setDate(today.addMonths(-1))
        self.date_to.setDate(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(i18n.date_format())
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.refresh() if self.period_box.isChecked() else None)
        self.to_label = QLabel(self)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.recompute_button = QPushButton(self)
        self.recompute_button.clicked.connect(self.recompute)
        self.discrepancies_button = QPushButton(self)
        self.discrepancies_button.clicked.connect(self.open_discrepancies)
        self.report_button = QPushButton(self)
        self.report_button.clicked.connect(self.write_report)
        self.letter_button = QPushButton(self)
        self.letter_button.setObjectName("letterButton")
        self.letter_button.clicked.connect(self.write_letter)
        top = QHBoxLayout()
        top.addWidget(self.period_box)
        top.addWidget(self.date_from)
        top.addWidget(self.to_label)
        top.addWidget(self.date_to)
        top.addStretch(1)
        for button in (self.discrepancies_button, self.report_button, self.letter_button, self.refresh_button,
                       self.recompute_button):
            top.addWidget(button)

        # which figures the table shows: all 20 need more width than a laptop screen has
        self.figures_label = QLabel(self)
        self.show_progress = QRadioButton(self)
        self.show_progress.setObjectName("showProgress")
        self.show_discrepancies = QRadioButton(self)
        self.show_discrepancies.setObjectName("showDiscrepancies")
        self.show_all = QRadioButton(self)
        self.show_all.setObjectName("showAllFigures")
        self.figure_group = QButtonGroup(self)
        for button in (self.show_progress, self.show_discrepancies, self.show_all):
            self.figure_group.addButton(button)
        self.show_progress.setChecked(True)
        self.figure_group.buttonToggled.connect(lambda _b, on: self._show_columns() if on else None)
        shown = QHBoxLayout()
        shown.addWidget(self.figures_label)
        for button in (self.show_progress, self.show_discrepancies, self.show_all):
            shown.addWidget(button)
        shown.addStretch(1)

        self.model = FiguresModel(self)
        self.table = _FiguresTable(self)
        self.table.setObjectName("figuresTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(84)
        self.table.setWordWrap(False)
        self.table.clicked.connect(self._figure_clicked)
        self.table.figureChosen.connect(self._figure_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.status = QLabel(self)
        self.status.setObjectName("dashboardStatus")

        self.bar_chart = QChart()
        self.bar_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.bar_view = QChartView(self.bar_chart, self)
        self.bar_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.bar_view.setMinimumHeight(220)
        self.line_chart = QChart()
        self.line_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.line_view = QChartView(self.line_chart, self)
        self.line_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.line_view.setMinimumHeight(220)
        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(self.bar_view)
        charts.addWidget(self.line_view)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(shown)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.setTabOrder(self.period_box, self.date_from)
        self.setTabOrder(self.date_from, self.date_to)
        self.setTabOrder(self.date_to, self.table)

    def _show_columns(self) -> None:
        """Show the progress figures, the discrepancy figures or all of them (the round, its date
        and its unexplained discrepancies always)."""
        wanted = (set(PROGRESS_KEYS) if self.show_progress.isChecked()
                  else set(DISCREPANCY_KEYS) if self.show_discrepancies.isChecked() else set(FIGURE_KEYS))
        for column in range(FiguresModel.FIRST_FIGURE, FiguresModel.COLUMNS):
            self.table.setColumnHidden(column, self.model.figure_key(column) not in wanted)

    def retranslate(self) -> None:
        self.figures_label.setText(self.tr("Figures:"))
        self.show_progress.setText(self.tr("&Progress"))
        self.show_progress.setToolTip(self.tr("Declared, on the list, received, certified, examined, sampled, "
                                              "identified, released, returned"))
        self.show_discrepancies.setText(self.tr("Discrepanc&ies"))
        self.show_discrepancies.setToolTip(self.tr("Every kind of discrepancy, one column each"))
        self.show_all.setText(self.tr("All fi&gures"))
        self.show_all.setToolTip(self.tr("Every figure (wider than most screens)"))
        self.period_box.setText(self.tr("&Only rounds from"))
        self.to_label.setText(self.tr("to"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.refresh_button.setToolTip(self.tr("Bring the figures up to date (F5)"))
        self.refresh_button.setShortcut("F5")
        self.recompute_button.setText(self.tr("Recompute &all"))
        self.recompute_button.setToolTip(self.tr("Compute every round's figures afresh from the records, "
                                                 "ignoring what was kept"))
        self.discrepancies_button.setText(self.tr("&Discrepancies…"))
        self.discrepancies_button.setToolTip(self.tr("Explain or resolve the discrepancies of the selected round"))
        self.report_button.setText(self.tr("&Report…"))
        self.report_button.setToolTip(self.tr("Write the reconciliation of the rounds shown (or selected) as PDF or CSV"))
        self.letter_button.setText(self.tr("Liaison &letter…"))
        self.letter_button.setToolTip(self.tr("Write the letter for the family liaison officers about the selected "
                                              "round: its figures only, no personal data"))
        self.bar_chart.setTitle(self.tr("Declared, received and identified per round"))
        self.line_chart.setTitle(self.tr("Progress over time"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, FiguresModel.COLUMNS - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._draw_charts()
        super().changeEvent(event)

    # -- loading --

    def _period(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.period_box.isChecked():
            return None, None
        return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]

    def _period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.refresh()

    def refresh(self, *, fresh: bool = False, from_records: bool = False) -> None:
        """Recompute the figures on a worker thread (only the rounds changed since the last time,
        unless ``fresh``; ``from_records``: every figure from the records alone, the stored facts
        rebuilt first)."""
        self._loaded_once = True
        self._generation += 1
        generation = self._generation
        ctx = self._ctx
        date_from, date_to = self._period()
        if date_from and date_to and date_from > date_to:
            self.status.setText(self.tr("The start of the period is after its end."))
            return
        self._busy = True
        self.status.setText(self.tr("Recomputing the figures from the records…") if from_records
                            else self.tr("Computing the figures…"))
        keep = self.selected_round_ids()

        def work(progress: Any, token: Any) -> list[RoundFigures]:
            if from_records:
                cache.rebuild_facts(ctx, date_from=date_from, date_to=date_to, progress=progress, token=token)
            return cache.figures(ctx, date_from=date_from, date_to=date_to, fresh=fresh or from_records,
                                 progress=progress, token=token)

        def done(rows: object) -> None:
            if not shiboken6.isValid(self) or generation != self._generation or not isinstance(rows, list):
                return
            self._busy = False
            self._show(rows, keep)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._busy = False
                self.status.setText(user_message(exc))

        def progress(done_: int, total: int, _message: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation and total:
                self.status.setText(self.tr("Computing the figures: round %1 of %2…")
                                    .replace("%1", str(done_)).replace("%2", str(total)))

        tasks.start(work, done, failed, progress)

    def recompute(self) -> None:
        self.refresh(from_records=True)

    @property
    def busy(self) -> bool:
        return self._busy

    def _show(self, rows: list[RoundFigures], keep: Sequence[str]) -> None:
        self.model.set_rounds(rows)
        self._show_columns()
        self.table.resizeColumnsToContents()
        selection = self.table.selectionModel()
        for rid in keep:
            row = self.model.row_of(rid)
            if row >= 0:
                selection.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        self._draw_charts()
        total = round_figures.total(rows) if rows else None
        if total is None:
            self.status.setText(self.tr("No rounds in this period."))
        else:
            self.status.setText(
                self.tr("%n round(s): %1 received of %2 declared, %3 identified; %4 discrepancies not explained.",
                        "", total.rounds)
                .replace("%1", _number(total["received"])).replace("%2", _number(total["declared_total"]))
                .replace("%3", _number(total["identified"])).replace("%4", _number(total.unexplained_total))
            )
        self.refreshed.emit()

    def _draw_charts(self) -> None:
        rows = self.model.rounds()
        for chart in (self.bar_chart, self.line_chart):
            chart.removeAllSeries()
            for axis in chart.axes():
                chart.removeAxis(axis)
        if not rows:
            return
        shown = rows[-CHART_ROUNDS:]
        series = QBarSeries()
        top = 0
        for key in ("declared_total", "received", "identified"):
            bar = QBarSet(figure_label(key))
            for r in shown:
                bar.append(float(r[key]))
                top = max(top, r[key])
            series.append(bar)
        self.bar_chart.addSeries(series)
        categories = QBarCategoryAxis()
        short = _chart_labels(shown)
        categories.append(short)
        font = categories.labelsFont()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
        categories.setLabelsFont(font)
        categories.setLabelsAngle(0 if len(shown) <= 8 else -90)  # upright labels of narrow bars
        self.bar_chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, max(1, top))
        values.setLabelFormat("%d")
        values.applyNiceNumbers()
        self.bar_chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)

        points = round_figures.cumulative_timeline(round_figures.total(rows))
        if not points:
            return
        names = (labels.status("received"), figure_label("examined"), figure_label("identified"),
                 figure_label("released"))
        lines = [QLineSeries() for _ in names]
        for line, name in zip(lines, names, strict=True):
            line.setName(name)
        first = points[0].day - dt.timedelta(days=1)
        for line in lines:
            line.append(float(QDateTime(QDate(first), QTime(12, 0)).toMSecsSinceEpoch()), 0.0)
        for p in points:
            x = float(QDateTime(QDate(p.day), QTime(12, 0)).toMSecsSinceEpoch())
            for line, value in zip(lines, (p.received, p.examined, p.identified, p.released), strict=True):
                line.append(x, float(value))
        time_axis = QDateTimeAxis()
        time_axis.setFormat(i18n.date_format())
        time_axis.setTickCount(min(6, max(2, len(points) + 1)))
        count_axis = QValueAxis()
        count_axis.setRange(0, max(1, points[-1].received))
        count_axis.setLabelFormat("%d")
        count_axis.applyNiceNumbers()
        self.line_chart.addAxis(time_axis, Qt.AlignmentFlag.AlignBottom)
        self.line_chart.addAxis(count_axis, Qt.AlignmentFlag.AlignLeft)
        for line in lines:
            self.line_chart.addSeries(line)
            line.attachAxis(time_axis)
            line.attachAxis(count_axis)

    # -- selection and drill-down --

    def selected_round_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        n = len(self.model.rounds())
        return [self.model.round_ids(r)[0] for r in rows if r < n]

    def _selection_changed(self, *_args: Any) -> None:
        self.model.set_total_of(self.selected_round_ids())

    def _figure_clicked(self, index: QModelIndex) -> None:
        key = self.model.figure_key(index.column())
        if key is None or key == "declared_total":
            return
        self.show_figure(self.model.round_ids(index.row()), key)

    def show_figure(self, round_ids: Sequence[str], key: str) -> FigureListDialog:
        rows = {r.round_id: r for r in self.model.rounds()}
        codes = [rows[r].code for r in round_ids if r in rows]
        where = codes[0] if len(codes) == 1 else self.tr("%n round(s)", "", len(codes))
        title = self.tr("%1 — %2").replace("%1", figure_label(key)).replace("%2", where)
        if self.list_dialog is not None and shiboken6.isValid(self.list_dialog):
            self.list_dialog.close()
        dialog = FigureListDialog(self._ctx, round_ids, key, title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.list_dialog = dialog
        dialog.show()
        return dialog

    # -- discrepancies and reports --

    def open_discrepancies(self) -> None:
        from ui.reconciliation.discrepancies import DiscrepanciesDialog

        ids = self.selected_round_ids() or [r.round_id for r in self.model.rounds()][-1:]
        if not ids:
            QMessageBox.information(self, self.tr("Discrepancies"), self.tr("There are no rounds yet."))
            return
        dialog = DiscrepanciesDialog(self._ctx, ids, self)
        dialog.changed.connect(self.discrepanciesChanged.emit)
        dialog.changed.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def write_report(self) -> None:
        ids = self.selected_round_ids() or [r.round_id for r in self.model.rounds()]
        if not ids:
            QMessageBox.information(self, self.tr("Report"), self.tr("There are no rounds to report on."))
            return
        pdf_filter, csv_filter = self.tr("PDF document (*.pdf)"), self.tr("CSV table (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the reconciliation report"), "reconciliation.pdf", f"{pdf_filter};;{csv_filter}")
        if not path:
            return
        fmt = "csv" if chosen == csv_filter or path.lower().endswith(".csv") else "pdf"
        ctx = self._ctx

        def work(progress: Any, token: Any) -> reconciliation_file.WrittenReport:
            return reconciliation_file.write_report(ctx, path, fmt, ids, progress=progress, token=token)

        def done(result: object) -> None:
            if isinstance(result, reconciliation_file.WrittenReport) and shiboken6.isValid(self):
                self.status.setText(self.tr("Saved %1.").replace("%1", result.path))

        tasks.run_task(self, self.tr("Writing the reconciliation report"), work, done)

    def write_letter(self) -> None:
        """The letter for the family liaison officers about the selected round (or the only one)."""
        from ui.documents.liaison_letter import save_letter, title

        rows = self.model.rounds()
        ids = self.selected_round_ids()
        if not ids and len(rows) == 1:
            ids = [rows[0].round_id]
        if len(ids) != 1:
            QMessageBox.information(self, title(), self.tr("Select the round the letter is about (one row of the "
                                                           "table).") if rows else self.tr("There are no rounds yet."))
            return
        code = next(r.code for r in rows if r.round_id == ids[0])
        save_letter(self._ctx, ids[0], code, self,
                    lambda path: self.status.setText(self.tr("Saved %1.").replace("%1", path)))


__all__ = ["DashboardView"]
