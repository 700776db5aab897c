// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/ViewRepository.h"
#include "server/db/ProfileRepository.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server;
using steward::test::MigratedDatabase;

TEST_CASE("the view repository stores views and their profile assignments",
          "[integration][db][views]")
{
    MigratedDatabase fixture(test::anyDatabaseKind());
    db::ViewRepository views(fixture.db);
    db::ProfileRepository profiles(fixture.db);
    db::View view;
    view.name = QStringLiteral("Lab");
    view.description = QStringLiteral("the lab's devices");
    view.filter = QStringLiteral(R"({"all":[]})");
    view.createdAt = view.updatedAt = 100;
    const auto id = views.insert(view);
    REQUIRE(id.ok());
    CHECK_FALSE(views.insert(view).ok()); // the name is unique
    auto found = views.findByName(QStringLiteral("Lab"));
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->id == *id);
    CHECK((*found)->description == QStringLiteral("the lab's devices"));
    CHECK((*found)->revision == 1);

    view.id = *id;
    view.name = QStringLiteral("Lab 2");
    view.updatedAt = 200;
    REQUIRE(views.update(view).ok());
    CHECK((*views.findById(*id))->revision == 2);
    CHECK((*views.findById(*id))->updatedAt == 200);
    view.id = 999;
    CHECK(views.update(view).error().code == ErrorCode::NotFound);

    db::Profile profile;
    profile.name = QStringLiteral("p");
    const auto profileId = profiles.insert(profile);
    REQUIRE(profileId.ok());
    const auto assignment = views.insertAssignment({0, *profileId, *id, 300});
    REQUIRE(assignment.ok());
    CHECK_FALSE(views.insertAssignment({0, *profileId, *id, 301}).ok()); // once per view
    CHECK(views.assignmentsOfProfile(*profileId)->size() == 1);
    CHECK(views.assignmentsOfView(*id)->at(0).createdAt == 300);
    CHECK(views.removeAssignment(*profileId + 1, *assignment).error().code == ErrorCode::NotFound);
    REQUIRE(views.removeAssignment(*profileId, *assignment).ok());
    CHECK(views.allAssignments()->empty());
    REQUIRE(views.insertAssignment({0, *profileId, *id, 302}).ok());
    REQUIRE(views.remove(*id).ok()); // the assignment goes with the view
    CHECK(views.allAssignments()->empty());
    CHECK(views.list()->empty());
}
