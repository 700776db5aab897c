// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ExplainView.h"

#include "console/models/EffectiveConfigModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace steward::console::ui {

using models::EffectiveConfigModel;

ExplainView::ExplainView(EffectiveConfigModel& model, bool canPush, QWidget* parent)
    : QWidget(parent), m_model(model), m_canPush(canPush)
{
    setObjectName(QStringLiteral("explain"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("pushState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failures = new QLabel(this);
    m_failures->setObjectName(QStringLiteral("pushFailures"));
    m_failures->setWordWrap(true);
    m_failures->setStyleSheet(QStringLiteral("color: #b00020"));
    m_failures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_push = new QPushButton(tr("Push &now"), this);
    m_push->setEnabled(canPush);
    m_push->setToolTip(canPush ? tr("Recompute this device's configuration and send it now")
                               : tr("The server has no POST /api/v1/devices/{id}/config-push"));

    m_assigned = new QTableWidget(0, 3, this);
    m_assigned->setObjectName(QStringLiteral("assignedObjects"));
    m_assigned->setHorizontalHeaderLabels({tr("Profile"), tr("Kind"), tr("Assigned")});
    m_assigned->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_assigned->verticalHeader()->hide();
    m_assigned->horizontalHeader()->setStretchLastSection(true);

    m_values = new QTableView(this);
    m_values->setObjectName(QStringLiteral("effectiveValues"));
    m_values->setModel(&m_model);
    m_values->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_values->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_values->verticalHeader()->hide();
    m_values->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_values->horizontalHeader()->setStretchLastSection(true);
    m_values->setWordWrap(false);
    m_values->setColumnWidth(EffectiveConfigModel::Key, 170);
    m_values->setColumnWidth(EffectiveConfigModel::Value, 120);
    m_values->setColumnWidth(EffectiveConfigModel::Source, 190);
    m_values->setColumnWidth(EffectiveConfigModel::Assignment, 260);

    auto* stateRow = new QHBoxLayout;
    stateRow->addWidget(m_state, 1);
    stateRow->addWidget(m_push);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(stateRow);
    topLayout->addWidget(m_failures);
    topLayout->addWidget(new QLabel(tr("Assigned objects:"), top));
    topLayout->addWidget(m_assigned);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_values);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addWidget(splitter);

    connect(&m_model, &EffectiveConfigModel::loaded, this, &ExplainView::showValues);
    connect(&m_model, &EffectiveConfigModel::stateChanged, this, &ExplainView::showState);
    connect(&m_model, &EffectiveConfigModel::pushed, this, [this](const QString& error) {
        m_error->setText(error.isEmpty() ? QString() : tr("Push failed: %1").arg(error));
        m_error->setVisible(!error.isEmpty());
    });
    connect(m_push, &QPushButton::clicked, &m_model, &EffectiveConfigModel::push);
    showValues();
    showState();
}

QString ExplainView::stateText() const
{
    return m_state->text();
}

QString ExplainView::failuresText() const
{
    return m_failures->text();
}

void ExplainView::showValues()
{
    m_error->setText(m_model.error().isEmpty()
                         ? QString()
                         : tr("The configuration could not be loaded: %1").arg(m_model.error()));
    m_error->setVisible(!m_error->text().isEmpty());
    const QJsonArray& profiles = m_model.profiles();
    m_assigned->setRowCount(int(profiles.size()));
    for (int row = 0; row < profiles.size(); ++row) {
        const QJsonObject entry = profiles.at(row).toObject();
        const QJsonObject profile = entry.value(QStringLiteral("profile")).toObject();
        const bool direct = entry.value(QStringLiteral("direct")).toBool();
        const QString how = (direct ? tr("directly: ") : tr("indirectly: "))
                            + EffectiveConfigModel::assignmentText(entry, m_model.folderPath());
        const QStringList cells = {profile.value(QStringLiteral("name")).toString(),
                                   profile.value(QStringLiteral("kind")).toString(), how};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(entry.value(QStringLiteral("reason")).toString());
            m_assigned->setItem(row, column, item);
        }
    }
    if (profiles.isEmpty() && m_model.device() != 0 && m_model.error().isEmpty()) {
        m_assigned->setRowCount(1);
        m_assigned->setItem(0, 0, new QTableWidgetItem(tr("No profile reaches this device.")));
    }
}

void ExplainView::showState()
{
    m_state->setText(m_model.stateSummary());
    const QStringList failures = m_model.failures();
    m_failures->setText(failures.isEmpty()
                            ? QString()
                            : tr("Failed parameters:\n%1").arg(failures.join(QLatin1Char('\n'))));
    m_failures->setVisible(!failures.isEmpty());
    m_push->setEnabled(m_canPush && m_model.device() != 0);
}

} // namespace steward::console::ui
