// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/DuplicateFamiliesView.h"

#include "ui/health/HealthReview.h"
#include "ui/widgets/PathText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>
#include <set>

namespace cepstra::ui {
namespace {

constexpr int kFamilyRole = Qt::UserRole + 1; ///< on every row: the family's index
constexpr int kPathRole = Qt::UserRole + 2;   ///< on a clip's row: its path's bytes

/// Per clip of a family: the most audio it shares with another clip, and where the shared
/// audio starts in it relative to the family's first clip (walking the pairs from there).
struct MemberFacts {
    double sharedSeconds = 0.0;
    double offsetSeconds = 0.0;
    std::string label;
};

std::map<std::string, MemberFacts> factsOf(const HealthReport& report,
                                           const std::vector<std::string>& family) {
    std::map<std::string, MemberFacts> facts;
    std::vector<const HealthGroup*> groups;
    for (const HealthGroup& group : report.groups)
        if (joinsFamilies(group.check) && !group.paths.empty() &&
            std::binary_search(family.begin(), family.end(), group.paths.front()))
            groups.push_back(&group);
    for (const HealthGroup* group : groups)
        for (std::size_t i = 0; i < group->paths.size(); ++i) {
            MemberFacts& member = facts[group->paths[i]];
            member.sharedSeconds = std::max(member.sharedSeconds, group->overlapSeconds);
            member.label = group->labels[i];
        }
    std::set<std::string> placed{family.front()};
    for (bool grew = true; grew;) { // a breadth-first walk over the pairs, from the first clip
        grew = false;
        for (const HealthGroup* group : groups)
            for (std::size_t from = 0; from < group->paths.size(); ++from) {
                if (!placed.count(group->paths[from]))
                    continue;
                for (std::size_t to = 0; to < group->paths.size(); ++to)
                    if (placed.insert(group->paths[to]).second) {
                        facts[group->paths[to]].offsetSeconds =
                            facts[group->paths[from]].offsetSeconds + group->offsetSeconds[to] -
                            group->offsetSeconds[from];
                        grew = true;
                    }
            }
    }
    return facts;
}

QString seconds(double value) {
    return QObject::tr("%1 s").arg(value, 0, 'f', 1);
}

} // namespace

DuplicateFamiliesView::DuplicateFamiliesView(HealthReview& review, QWidget* parent)
    : QWidget(parent)
    , m_review(review)
    , m_tree(new QTreeWidget)
    , m_keepOne(new QPushButton(tr("Keep one, exclude the rest")))
    , m_ignore(new QPushButton(tr("Ignore family")))
    , m_restore(new QPushButton(tr("Restore family"))) {
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Clip"), tr("Label"), tr("Shared"), tr("Offset"), tr("Decision")});
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setToolTip(tr("Clips that hold the same audio. Shared: the most seconds a clip shares "
                          "with another of its family; Offset: where that audio starts in it, "
                          "against the first clip. Double-click a clip to preview it lined up "
                          "with the first."));
    m_keepOne->setToolTip(tr("Keep the selected clip (or, with the family selected, the first "
                             "with no other finding) and exclude the others from exports"));
    m_ignore->setToolTip(tr("Not duplicates after all: the family flags nothing"));
    m_restore->setToolTip(tr("Undo what was decided for this family"));
    connect(m_tree, &QTreeWidget::itemActivated, this, &DuplicateFamiliesView::activate);
    connect(m_keepOne, &QPushButton::clicked, this, [this] {
        std::string clip;
        const auto family = selectedFamily(&clip);
        if (!family.empty())
            m_review.keepOne(family,
                             clip.empty() ? HealthReview::defaultKeeper(*m_report, family) : clip);
    });
    connect(m_ignore, &QPushButton::clicked, this, [this] {
        if (const auto family = selectedFamily(); !family.empty())
            m_review.setFamilyIgnored(*m_report, family, true);
    });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (const auto family = selectedFamily(); !family.empty()) {
            m_review.setExcluded(family, false);
            m_review.setFamilyIgnored(*m_report, family, false);
        }
    });
    connect(&m_review, &HealthReview::changed, this, &DuplicateFamiliesView::updateDecisions);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_ignore);
    buttons->addWidget(m_restore);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_keepOne, 0, Qt::AlignLeft);
    layout->addLayout(buttons);
    layout->addWidget(m_tree, 1);
}

int DuplicateFamiliesView::familyCount() const {
    return int(m_families.size());
}

void DuplicateFamiliesView::setReport(std::shared_ptr<const HealthReport> report) {
    m_report = std::move(report);
    m_families = m_report ? m_report->duplicateFamilies() : decltype(m_families){};
    fill();
}

void DuplicateFamiliesView::fill() {
    m_tree->clear();
    for (std::size_t index = 0; index < m_families.size(); ++index) {
        const auto& family = m_families[index];
        const auto facts = factsOf(*m_report, family);
        std::set<std::string> labels;
        double shared = 0.0;
        for (const auto& [path, fact] : facts) {
            labels.insert(fact.label);
            shared = std::max(shared, fact.sharedSeconds);
        }
        QStringList labelNames;
        for (const std::string& label : labels)
            labelNames << displayPath(label);
        auto* top = new QTreeWidgetItem(m_tree);
        top->setText(Clip, tr("%1 clips sharing up to %2").arg(family.size()).arg(seconds(shared)));
        top->setText(Label, labelNames.join(", "));
        top->setText(Shared, seconds(shared));
        top->setData(Clip, kFamilyRole, int(index));
        for (const std::string& path : family) {
            const MemberFacts& fact = facts.at(path);
            auto* child = new QTreeWidgetItem(top);
            child->setText(Clip, displayPath(path));
            child->setToolTip(Clip, displayPath(path));
            child->setText(Label, displayPath(fact.label));
            child->setText(Shared, seconds(fact.sharedSeconds));
            child->setText(Offset, QString::asprintf("%+.1f s", fact.offsetSeconds));
            child->setData(Clip, kFamilyRole, int(index));
            child->setData(Clip, kPathRole, QByteArray::fromStdString(path));
            child->setData(Offset, kPathRole, fact.offsetSeconds);
        }
    }
    m_tree->expandAll();
    updateDecisions();
}

void DuplicateFamiliesView::updateDecisions() {
    if (!m_report)
        return;
    const HealthReport reviewed = m_review.reviewed(*m_report);
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        QTreeWidgetItem* top = m_tree->topLevelItem(t);
        const auto& family = m_families[std::size_t(top->data(Clip, kFamilyRole).toInt())];
        const bool ignored = std::none_of(
            reviewed.groups.begin(), reviewed.groups.end(), [&](const HealthGroup& group) {
                return joinsFamilies(group.check) && !group.paths.empty() &&
                       std::binary_search(family.begin(), family.end(), group.paths.front());
            });
        int excluded = 0;
        for (int c = 0; c < top->childCount(); ++c) {
            const bool out = m_review.isExcluded(
                top->child(c)->data(Clip, kPathRole).toByteArray().toStdString());
            top->child(c)->setText(Decision, out ? tr("excluded") : QString());
            excluded += out ? 1 : 0;
        }
        QStringList decisions;
        if (ignored)
            decisions << tr("ignored");
        if (excluded > 0)
            decisions << tr("%1 excluded").arg(excluded);
        top->setText(Decision, decisions.join(", "));
    }
}

std::vector<std::string> DuplicateFamiliesView::selectedFamily(std::string* clip) const {
    const QTreeWidgetItem* item = m_tree->currentItem();
    if (!item || !m_report)
        return {};
    if (clip)
        *clip = item->data(Clip, kPathRole).toByteArray().toStdString();
    return m_families[std::size_t(item->data(Clip, kFamilyRole).toInt())];
}

void DuplicateFamiliesView::activate(QTreeWidgetItem* item) {
    const QByteArray path = item->data(Clip, kPathRole).toByteArray();
    if (path.isEmpty() || !item->parent())
        return;
    const QTreeWidgetItem* first = item->parent()->child(0);
    if (first == item) {
        emit clipActivated(path, {}, 0.0);
        return;
    }
    // The first clip is drawn shifted so that the audio both hold lines up (see HealthPanel).
    emit clipActivated(path, first->data(Clip, kPathRole).toByteArray(),
                       item->data(Offset, kPathRole).toDouble() -
                           first->data(Offset, kPathRole).toDouble());
}

} // namespace cepstra::ui
