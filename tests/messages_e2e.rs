//! Issue #15, "messages that are right", end to end on the LAB: what an admin reads must fit the
//! mailbox in front of them.

mod common;

use common::Lab;

#[test]
fn a_cloud_only_mailbox_named_on_premises_says_it_exists_only_in_exchange_online() {
    let lab = Lab::init();
    let run = lab.mbx(&["convert", "cloudshared", "--to", "regular", "--dry-run"]).run();
    run.code(3);
    assert!(run.stdout.contains("'cloudshared' exists only in Exchange Online"), "{}", run.stdout);
    assert!(run.stdout.contains("Cloud Only Shared (SharedMailbox"), "{}", run.stdout);
    // A name that exists nowhere stays a plain not-found.
    let run = lab.mbx(&["convert", "nobody-at-all", "--to", "shared", "--dry-run"]).run();
    run.code(3);
    assert!(run.stdout.contains("not found"), "{}", run.stdout);
    assert!(!run.stdout.contains("exists only"), "{}", run.stdout);
}

#[test]
fn next_steps_fit_the_mailbox_type_no_leaver_advice_for_a_room() {
    let lab = Lab::init();
    let room = lab.mbx(&["convert", "Conference Room Adams", "--to", "shared"]).run();
    room.code(0);
    assert!(!room.stdout.contains("leaver"), "{}", room.stdout);
    assert!(room.stdout.contains("Do not delete the user account"), "{}", room.stdout);
    let person = lab.mbx(&["convert", "kim", "--to", "shared"]).run();
    person.code(0);
    assert!(person.stdout.contains("If this was a leaver"), "{}", person.stdout);
    assert_eq!(lab.onprem("Conference Room Adams")["RecipientTypeDetails"], "SharedMailbox");
}
