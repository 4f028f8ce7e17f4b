# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rapport_global_optspecs
    string join \n db= format= json no-input raw h/help V/version
end

function __fish_rapport_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rapport_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rapport_using_subcommand
    set -l cmd (__fish_rapport_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rapport -n "__fish_rapport_needs_command" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_needs_command" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_needs_command" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_needs_command" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_needs_command" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_needs_command" -s V -l version -d 'Print version'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "init" -d 'Create the database with a pipeline of stages'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "add" -d 'Add a contact (asks for the details on a terminal when NAME is left out)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "edit" -d 'Change a contact\'s details, tags, fields or do-not-contact flag'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "show" -d 'A contact\'s profile, stage history, recent interactions, follow-ups and tickets'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "list" -d 'List contacts, filtered and sorted'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "search" -d 'Full-text search over contacts and what was said with them'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "log" -d 'Log an interaction: a call, email, meeting, message, note, purchase, feedback or ticket'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "stage" -d 'Move a contact to any stage, forward or back'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "advance" -d 'Move a contact to the next stage of the pipeline'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "lose" -d 'A contact leaves the pipeline, with why; any stage move wins them back'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "merge" -d 'Two contacts that are one person become one (their history moves to the first); undoable with --undo'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "stages" -d 'Show the pipeline, or change it with `stages set`'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "follow-up" -d 'Schedule a follow-up, once or recurring'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "done" -d 'Mark an item of `due` as done (a recurring follow-up comes back)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "snooze" -d 'Move an item of `due` to a later date'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "due" -d 'What is due today (or within a window): follow-ups, rule reminders, tickets, at-risk alerts; overdue first'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "resolve" -d 'Resolve a support ticket'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "paid" -d 'Mark an invoiced purchase paid'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "rules" -d 'Rules that make reminders: welcome on entering a stage, gone quiet, stay-in-touch cadences, birthdays, reviews'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "template" -d 'Message templates with {placeholders}, for drafts'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "draft" -d 'Print a message for a contact from a template, or write it as an .eml draft'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "calendar" -d 'Write follow-ups, birthdays and anniversaries as an iCalendar (.ics) file'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "config" -d 'Settings: quiet-days, paying-stage, health threshold, score weights, …'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "report" -d 'What works: funnel, sources, activity, revenue, at-risk, feedback, advocates'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "score" -d 'A contact\'s lead score (not yet paying) or health score (paying), with --explain'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "points" -d 'Loyalty points: add or take away, with a reason'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "sql" -d 'A read-only SQL query over the documented views, printed as a table, JSON or CSV'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "import" -d 'Bring contacts or interactions in from CSV (HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp), undoably'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "sync" -d 'One book on several devices through a synced folder (Syncthing, Dropbox, iCloud, git): `sync init DIR`, then `sync`'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "export" -d 'Write contacts, interactions or the whole database out as CSV or JSON'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "forget" -d 'Erase a contact and everything about it'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "backup" -d 'Write a consistent copy of the database, safe while it is in use'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "check" -d 'Check the database\'s integrity; exits 1 on any problem'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand init" -l pipeline -d 'lifecycle (reach, acquisition, conversion, retention), phases (acquisition, enhancement, retention), or your own comma list' -r
complete -c rapport -n "__fish_rapport_using_subcommand init" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand init" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand init" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand init" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand init" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand add" -l email -d 'Their email address; unique in the book' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l phone -d 'A phone number, written any way (+44 20 7946 0000)' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l company -d 'Where they work' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l title -d 'Their job title' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l location -d 'Where they are: a city, a region, a country' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l source -d 'Where they came from: linkedin, referral, website, …' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l stage -d 'A stage of the pipeline [default: the first]' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l tag -d 'A tag; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l birthday -d 'YYYY-MM-DD, or --MM-DD when the year is unknown' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l field -d 'An interest, preference or anything else: KEY=VALUE; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l referred-by -d 'Who sent them your way' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l note -d 'Anything worth remembering about them' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l consent -d 'What they agreed to, when and how, like \'newsletter 2026-03-01 web form\'; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand add" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand add" -l do-not-contact -d 'Mark as do-not-contact from the start'
complete -c rapport -n "__fish_rapport_using_subcommand add" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand add" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand add" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l name -d 'Their new name' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l email -d 'Their email address; unique in the book' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l phone -d 'A phone number, written any way (+44 20 7946 0000)' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l company -d 'Where they work' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l title -d 'Their job title' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l location -d 'Where they are: a city, a region, a country' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l source -d 'Where they came from: linkedin, referral, website, …' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l stage -d 'A stage of the pipeline [default: the first]' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l tag -d 'A tag; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l birthday -d 'YYYY-MM-DD, or --MM-DD when the year is unknown' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l field -d 'An interest, preference or anything else: KEY=VALUE; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l referred-by -d 'Who sent them your way' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l note -d 'Anything worth remembering about them' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l consent -d 'What they agreed to, when and how, like \'newsletter 2026-03-01 web form\'; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l untag -d 'Remove a tag; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l clear -d 'Remove a value: email, phone, company, title, location, source, birthday, referred-by, note, or a field key' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l withdraw-consent -d 'They took back their consent to this (kept in their record, dated today)' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l do-not-contact -d 'Never send marketing or cadence reminders for this contact'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l allow-contact -d 'Lift do-not-contact'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand show" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand show" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand show" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand show" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand show" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l stage -d 'Only contacts in this stage' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l tag -d 'Only contacts with this tag' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l source -d 'Only contacts from this source channel' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l field -d 'Only contacts whose custom field KEY is VALUE (case ignored); repeat to require several' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l dormant -d 'Only contacts with no interaction for this long, like 21d' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l sort -d 'The order' -r -f -a "name\t'By name'
created\t'Newest first'
last-contact\t'Longest silence first'
score\t'Highest lead or health score first'"
complete -c rapport -n "__fish_rapport_using_subcommand list" -l limit -d 'At most this many' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand list" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand list" -l lost -d 'Only contacts who were lost (`rapport lose`)'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l include-lost -d 'Lost contacts too (a list leaves them out by default)'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand search" -l limit -d 'At most this many contacts' -r
complete -c rapport -n "__fish_rapport_using_subcommand search" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand search" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand search" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand search" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand search" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand log" -l kind -d 'A note is for you alone and does not count as contact' -r -f -a "call\t''
email\t''
meeting\t''
message\t''
note\t''
purchase\t''
feedback\t''
ticket\t''"
complete -c rapport -n "__fish_rapport_using_subcommand log" -l channel -d 'How: phone, email, linkedin, in person, …' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l at -d 'When it happened [default: now]' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l amount -d 'What a purchase was worth' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l rating -d 'A feedback score from 0 to 10' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l follow-up -d 'Schedule the next step in the same go' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l due -d 'For an invoiced purchase: when payment is due (mark it with `rapport paid`)' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l direction -d 'They came to you (in) or you reached out (out) [default: in for tickets, feedback and purchases]' -r -f -a "in\t'They came to you'
out\t'You reached out'"
complete -c rapport -n "__fish_rapport_using_subcommand log" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand log" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand log" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand log" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand log" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand stage" -l reason -d 'Why they moved: kept in the stage history' -r
complete -c rapport -n "__fish_rapport_using_subcommand stage" -l at -d 'When they moved [default: now]' -r
complete -c rapport -n "__fish_rapport_using_subcommand stage" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand stage" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand stage" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand stage" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand stage" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand stage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand advance" -l reason -d 'Why they moved: kept in the stage history' -r
complete -c rapport -n "__fish_rapport_using_subcommand advance" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand advance" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand advance" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand advance" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand advance" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand advance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand lose" -l reason -d 'Why they left: kept in the stage history and counted by `report lost`' -r
complete -c rapport -n "__fish_rapport_using_subcommand lose" -l at -d 'When they left [default: now]' -r
complete -c rapport -n "__fish_rapport_using_subcommand lose" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand lose" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand lose" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand lose" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand lose" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand lose" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l undo -d 'Undo a merge (the last one when MERGE is left out): the merged contact comes back as it was' -r
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -f -a "set" -d 'Change the pipeline: kept stages keep their contacts; a stage with contacts cannot be dropped'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and not __fish_seen_subcommand_from set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from set" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from set" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from set" -l update-rules -d 'Take dropped stages out of the rules that name them (a rule left with no stage is removed)'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from set" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from set" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change the pipeline: kept stages keep their contacts; a stage with contacts cannot be dropped'
complete -c rapport -n "__fish_rapport_using_subcommand stages; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand follow-up" -l every -d 'Make it recurring: 1w, 1m, 3m, …' -r
complete -c rapport -n "__fish_rapport_using_subcommand follow-up" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand follow-up" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand follow-up" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand follow-up" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand follow-up" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand follow-up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand done" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand done" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand done" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand done" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand done" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand done" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l until -d 'The new date: tomorrow, 3d, next monday, …' -r
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand due" -l within -d 'Also what falls due within this window, like 2d or 1w' -r
complete -c rapport -n "__fish_rapport_using_subcommand due" -l kind -d 'Only items of this kind; repeat for several' -r -f -a "follow-up\t'A follow-up you scheduled'
on-enter\t'A follow-up an on-enter rule scheduled (you did not)'
dormant\t'We miss you: no interaction for a dormant rule\'s span'
cadence\t'Stay in touch with a tag'
birthday\t'A birthday coming (or missed in the last few days)'
anniversary\t'An anniversary coming'
review\t'An account review'
at-risk\t'A paying customer whose health is below the threshold'
ticket\t'A support ticket open too long'
payment\t'An invoice unpaid past its due date'
feedback-ask\t'Ask for feedback some time after a purchase'
detractor\t'A detractor\'s rating (0-6): make it right'
passive\t'A passive\'s rating (7-8)'
promoter\t'A promoter\'s rating (9-10): ask for a referral'
ticket-check-in\t'Check in some time after a ticket was resolved'
win-back\t'Try to win back a contact some time after they were lost'"
complete -c rapport -n "__fish_rapport_using_subcommand due" -l tag -d 'Only contacts with this tag' -r
complete -c rapport -n "__fish_rapport_using_subcommand due" -l stage -d 'Only contacts in this stage' -r
complete -c rapport -n "__fish_rapport_using_subcommand due" -l contact -d 'Only this contact: an id, an email, or part of a name' -r
complete -c rapport -n "__fish_rapport_using_subcommand due" -l limit -d 'At most this many items, the most urgent' -r
complete -c rapport -n "__fish_rapport_using_subcommand due" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand due" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand due" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand due" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand due" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand due" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand resolve" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand resolve" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand resolve" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand resolve" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand resolve" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand paid" -l at -d 'When the money came [default: now]' -r
complete -c rapport -n "__fish_rapport_using_subcommand paid" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand paid" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand paid" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand paid" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand paid" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand paid" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -f -a "list" -d 'The rules, with the ids that rm and edit take'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -f -a "add" -d 'Add a rule: --on-enter, --dormant, --tag with --every, --birthday, --anniversary, --review-every, --after-purchase, --on-rating, --after-ticket-resolved or --win-back'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -f -a "edit" -d 'Change a rule\'s settings (its kind stays)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -f -a "rm" -d 'Remove a rule (follow-ups it already made stay)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and not __fish_seen_subcommand_from list add edit rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from list" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from list" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l on-enter -d 'On entering this stage (by stage, advance, edit, import or merge), schedule a follow-up' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l after -d '...this long after entering' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l dormant -d 'Gone quiet: no interaction for this long' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l tag -d 'Stay in touch with contacts with this tag (with --every); with --dormant, only them' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l every -d 'The ideal gap of a stay-in-touch cadence' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l max -d 'The longest gap before a cadence is overdue' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l birthday -d 'Birthdays this many days ahead' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l anniversary -d 'Anniversaries this many days ahead: of becoming a customer, or of --field' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l field -d 'The date field an anniversary rule celebrates, like wedding' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l review-every -d 'An account review this often, for contacts in --stage' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l stage -d 'The stage a review or dormant rule applies to; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l note -d 'What to do, as the reminder says it' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l template -d 'A template whose draft `due --json` carries' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l every-entry -d 'An on-enter rule fires on every entry (moving forward), not only the first' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l keep -d 'An on-enter rule\'s follow-ups stay when the contact leaves the stage' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l after-purchase -d 'Some time after a purchase (to ask for feedback): kind feedback-ask' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l first -d 'With --after-purchase: only after a contact\'s first purchase' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l on-rating -d 'On a rating in this NPS band (0-6, 7-8, 9-10), after --after (default at once): kinds detractor, passive, promoter' -r -f -a "detractor\t'0 to 6'
passive\t'7 or 8'
promoter\t'9 or 10'"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l after-ticket-resolved -d 'Some time after a ticket is resolved (to check in): kind ticket-check-in' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l win-back -d 'Some time after a contact was lost (`rapport lose`): kind win-back' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l needs-consent -d 'Marketing: remind only about contacts who gave consent (`--consent`) and did not withdraw it' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l on-enter -d 'On entering this stage (by stage, advance, edit, import or merge), schedule a follow-up' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l after -d '...this long after entering' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l dormant -d 'Gone quiet: no interaction for this long' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l tag -d 'Stay in touch with contacts with this tag (with --every); with --dormant, only them' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l every -d 'The ideal gap of a stay-in-touch cadence' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l max -d 'The longest gap before a cadence is overdue' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l birthday -d 'Birthdays this many days ahead' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l anniversary -d 'Anniversaries this many days ahead: of becoming a customer, or of --field' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l field -d 'The date field an anniversary rule celebrates, like wedding' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l review-every -d 'An account review this often, for contacts in --stage' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l stage -d 'The stage a review or dormant rule applies to; repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l note -d 'What to do, as the reminder says it' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l template -d 'A template whose draft `due --json` carries' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l every-entry -d 'An on-enter rule fires on every entry (moving forward), not only the first' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l keep -d 'An on-enter rule\'s follow-ups stay when the contact leaves the stage' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l after-purchase -d 'Some time after a purchase (to ask for feedback): kind feedback-ask' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l first -d 'With --after-purchase: only after a contact\'s first purchase' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l on-rating -d 'On a rating in this NPS band (0-6, 7-8, 9-10), after --after (default at once): kinds detractor, passive, promoter' -r -f -a "detractor\t'0 to 6'
passive\t'7 or 8'
promoter\t'9 or 10'"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l after-ticket-resolved -d 'Some time after a ticket is resolved (to check in): kind ticket-check-in' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l win-back -d 'Some time after a contact was lost (`rapport lose`): kind win-back' -r
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l needs-consent -d 'Marketing: remind only about contacts who gave consent (`--consent`) and did not withdraw it' -r -f -a "true\t''
false\t''"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from rm" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from rm" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from rm" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from rm" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from rm" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "list" -d 'The rules, with the ids that rm and edit take'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a rule: --on-enter, --dormant, --tag with --every, --birthday, --anniversary, --review-every, --after-purchase, --on-rating, --after-ticket-resolved or --win-back'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a rule\'s settings (its kind stays)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a rule (follow-ups it already made stay)'
complete -c rapport -n "__fish_rapport_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -f -a "add" -d 'Save a template (replacing one of the same name). Placeholders: {first_name}, {last_name}, {name}, {email}, {company}, {title}, {location}, {source}, {stage}, {days_since_contact}, {last_purchase}, any custom field'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -f -a "list" -d 'The templates'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -f -a "show" -d 'One template'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -f -a "edit" -d 'Edit a template\'s body in $EDITOR (on a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -f -a "rm" -d 'Remove a template no rule uses'
complete -c rapport -n "__fish_rapport_using_subcommand template; and not __fish_seen_subcommand_from add list show edit rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -l subject -d 'The subject line, with {placeholders}' -r
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -l body -d 'The message [asked for in $EDITOR on a terminal when left out]' -r
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from list" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from list" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from show" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from show" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from show" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from show" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from edit" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from edit" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from edit" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from edit" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from rm" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from rm" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from rm" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from rm" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from rm" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "add" -d 'Save a template (replacing one of the same name). Placeholders: {first_name}, {last_name}, {name}, {email}, {company}, {title}, {location}, {source}, {stage}, {days_since_contact}, {last_purchase}, any custom field'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "list" -d 'The templates'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "show" -d 'One template'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit a template\'s body in $EDITOR (on a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a template no rule uses'
complete -c rapport -n "__fish_rapport_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l eml -d 'Write an RFC 5322 message (.eml) that a mail client opens as a draft' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand draft" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -l within -d 'How far ahead [default: 90d]' -r
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -l output -d 'Write the .ics here instead of stdout' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand calendar" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "list" -d 'Every setting, its value and what it does'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "get" -d 'One setting\'s value'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "set" -d 'Change a setting'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "unset" -d 'Back to the default'
complete -c rapport -n "__fish_rapport_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from list" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from list" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from get" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from get" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from get" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from get" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from set" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from set" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from set" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from unset" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from unset" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from unset" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every setting, its value and what it does'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'One setting\'s value'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Back to the default'
complete -c rapport -n "__fish_rapport_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand report" -l since -d 'Only what happened since (contacts added, interactions, purchases, feedback)' -r
complete -c rapport -n "__fish_rapport_using_subcommand report" -l by -d 'Periods for activity and revenue [default: month]' -r -f -a "week\t''
month\t''"
complete -c rapport -n "__fish_rapport_using_subcommand report" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand report" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand report" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand report" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand report" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand score" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand score" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand score" -l explain -d 'List each factor\'s contribution'
complete -c rapport -n "__fish_rapport_using_subcommand score" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand score" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand score" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand score" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand points" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand points" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand points" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand points" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand points" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand points" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand sql" -l timeout -d 'Stop the query after this many seconds' -r
complete -c rapport -n "__fish_rapport_using_subcommand sql" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sql" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand sql" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand sql" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand sql" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand sql" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -f -a "contacts" -d 'Contacts from a CSV file (or - for stdin): HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp or your own'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -f -a "interactions" -d 'Interactions from a CSV file: each row names its contact by email or contact_id'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -f -a "all" -d 'Restore what `export all` wrote, into an empty database'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -f -a "list" -d 'Past import batches, or the possible duplicates they kept apart'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -f -a "undo" -d 'Remove what a batch added and restore what it changed'
complete -c rapport -n "__fish_rapport_using_subcommand import; and not __fish_seen_subcommand_from contacts interactions all list undo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l map -d 'Read column HEADER as FIELD (name, email, phone, company, title, location, source, stage, tags, birthday, note, field:KEY, ignore)' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l rejects -d 'Where --skip-invalid writes rejected rows [default: FILE.rejected.csv]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l encoding -d 'The file\'s encoding when it has no BOM, like windows-1252 or utf-16le [default: detected]' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l delimiter -d 'The column separator: , ; tab or | [default: detected from the header row, or a sep= line]' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l preset -d 'Read the file as this export [default: recognised from the header row]' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l stage-map -d 'Put contacts whose stage column says VALUE in STAGE' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l on-duplicate -d 'What to do with a row that matches a contact you have' -r -f -a "merge\t'Fill empty fields, add tags; never overwrite what you have'
skip\t'Leave the existing contact as it is'
error\t'Count the row as invalid'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l date-order -d 'How to read numeric dates like 03/07/1982 that their own file does not settle [default: the file\'s other dates, else the preset\'s; else such a date is refused]' -r -f -a "dmy\t'25/12/1980: day, month, year (the UK, Europe, most of the world)'
mdy\t'12/25/1980: month, day, year (the US, Outlook, Mailchimp)'
ymd\t'1980/12/25: year, month, day'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l dry-run -d 'Report what would happen and write nothing'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l skip-invalid -d 'Import the valid rows and write the rejected ones, with a reason, to a file'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l fire-rules -d 'Fire the on-enter rules of the stages imported contacts enter (an import starts quiet without it)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l keep-unmapped -d 'Keep every column nothing else reads as a custom field named after its header (off by default: exports carry dozens of internal columns)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from contacts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l map -d 'Read column HEADER as FIELD (name, email, phone, company, title, location, source, stage, tags, birthday, note, field:KEY, ignore)' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l rejects -d 'Where --skip-invalid writes rejected rows [default: FILE.rejected.csv]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l encoding -d 'The file\'s encoding when it has no BOM, like windows-1252 or utf-16le [default: detected]' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l delimiter -d 'The column separator: , ; tab or | [default: detected from the header row, or a sep= line]' -r
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l dry-run -d 'Report what would happen and write nothing'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l skip-invalid -d 'Import the valid rows and write the rejected ones, with a reason, to a file'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l create-contacts -d 'Add contacts for emails the book does not have, instead of rejecting the rows'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from interactions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from all" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from all" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from all" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from all" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from all" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from list" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from list" -l possible-duplicates -d 'Contacts kept apart though they share a phone (another name), still both in the book; `rapport merge` joins a pair'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from list" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from undo" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from undo" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from undo" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from undo" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from undo" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from undo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "contacts" -d 'Contacts from a CSV file (or - for stdin): HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp or your own'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "interactions" -d 'Interactions from a CSV file: each row names its contact by email or contact_id'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "all" -d 'Restore what `export all` wrote, into an empty database'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "list" -d 'Past import batches, or the possible duplicates they kept apart'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "undo" -d 'Remove what a batch added and restore what it changed'
complete -c rapport -n "__fish_rapport_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -f -a "init" -d 'Join a sync folder (created if missing): a book with data publishes it, an empty one receives the folder\'s'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -f -a "status" -d 'The folder, this device, every other device and what is applied, pending changes, new conflicts'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -f -a "conflicts" -d 'Each conflict a sync resolved: when, which record, which field, the value kept and the one set aside'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init status conflicts help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l device -d 'This device\'s name in the folder [default: the host name]' -r
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from status" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from status" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from status" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from status" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from conflicts" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from conflicts" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from conflicts" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from conflicts" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from conflicts" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from conflicts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "init" -d 'Join a sync folder (created if missing): a book with data publishes it, an empty one receives the folder\'s'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "status" -d 'The folder, this device, every other device and what is applied, pending changes, new conflicts'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "conflicts" -d 'Each conflict a sync resolved: when, which record, which field, the value kept and the one set aside'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand export" -l output -d 'Write here instead of stdout (replaced atomically, mode 0600); with --format vcard, a folder (existing, or ending in /) gets one UID.vcf per contact' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -l vcard-version -d 'With --format vcard: 4.0, or 3.0 for older phones' -r -f -a "3.0\t'vCard 3.0 (RFC 2426), for older phones'
4.0\t'vCard 4.0 (RFC 6350)'"
complete -c rapport -n "__fish_rapport_using_subcommand export" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand export" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand export" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand export" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand forget" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand forget" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand forget" -l yes -d 'Yes, erase them: required without a terminal'
complete -c rapport -n "__fish_rapport_using_subcommand forget" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand forget" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand forget" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand forget" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand backup" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand backup" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand backup" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand backup" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand backup" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand check" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand check" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand check" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand check" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand check" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l db -d 'The database file [default: the platform data folder, e.g. ~/.local/share/rapport/rapport.db]' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l format -d 'How records are printed' -r -f -a "table\t''
json\t''
csv\t''
vcard\t'vCard cards (`export contacts` only)'"
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l json -d 'Short for --format json'
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l no-input -d 'Never prompt; a missing value is an error (always so without a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l raw -d 'CSV cells exactly as stored: no `\'` before a cell a spreadsheet would run as a formula'
complete -c rapport -n "__fish_rapport_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "init" -d 'Create the database with a pipeline of stages'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "add" -d 'Add a contact (asks for the details on a terminal when NAME is left out)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "edit" -d 'Change a contact\'s details, tags, fields or do-not-contact flag'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "show" -d 'A contact\'s profile, stage history, recent interactions, follow-ups and tickets'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "list" -d 'List contacts, filtered and sorted'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "search" -d 'Full-text search over contacts and what was said with them'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "log" -d 'Log an interaction: a call, email, meeting, message, note, purchase, feedback or ticket'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "stage" -d 'Move a contact to any stage, forward or back'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "advance" -d 'Move a contact to the next stage of the pipeline'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "lose" -d 'A contact leaves the pipeline, with why; any stage move wins them back'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "merge" -d 'Two contacts that are one person become one (their history moves to the first); undoable with --undo'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "stages" -d 'Show the pipeline, or change it with `stages set`'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "follow-up" -d 'Schedule a follow-up, once or recurring'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "done" -d 'Mark an item of `due` as done (a recurring follow-up comes back)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "snooze" -d 'Move an item of `due` to a later date'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "due" -d 'What is due today (or within a window): follow-ups, rule reminders, tickets, at-risk alerts; overdue first'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "resolve" -d 'Resolve a support ticket'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "paid" -d 'Mark an invoiced purchase paid'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "rules" -d 'Rules that make reminders: welcome on entering a stage, gone quiet, stay-in-touch cadences, birthdays, reviews'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "template" -d 'Message templates with {placeholders}, for drafts'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "draft" -d 'Print a message for a contact from a template, or write it as an .eml draft'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "calendar" -d 'Write follow-ups, birthdays and anniversaries as an iCalendar (.ics) file'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "config" -d 'Settings: quiet-days, paying-stage, health threshold, score weights, …'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "report" -d 'What works: funnel, sources, activity, revenue, at-risk, feedback, advocates'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "score" -d 'A contact\'s lead score (not yet paying) or health score (paying), with --explain'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "points" -d 'Loyalty points: add or take away, with a reason'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "sql" -d 'A read-only SQL query over the documented views, printed as a table, JSON or CSV'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "import" -d 'Bring contacts or interactions in from CSV (HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp), undoably'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "sync" -d 'One book on several devices through a synced folder (Syncthing, Dropbox, iCloud, git): `sync init DIR`, then `sync`'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "export" -d 'Write contacts, interactions or the whole database out as CSV or JSON'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "forget" -d 'Erase a contact and everything about it'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "backup" -d 'Write a consistent copy of the database, safe while it is in use'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "check" -d 'Check the database\'s integrity; exits 1 on any problem'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from init add edit show list search log stage advance lose merge stages follow-up done snooze due resolve paid rules template draft calendar config report score points sql import sync export forget backup check completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from stages" -f -a "set" -d 'Change the pipeline: kept stages keep their contacts; a stage with contacts cannot be dropped'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "list" -d 'The rules, with the ids that rm and edit take'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "add" -d 'Add a rule: --on-enter, --dormant, --tag with --every, --birthday, --anniversary, --review-every, --after-purchase, --on-rating, --after-ticket-resolved or --win-back'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "edit" -d 'Change a rule\'s settings (its kind stays)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "rm" -d 'Remove a rule (follow-ups it already made stay)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "add" -d 'Save a template (replacing one of the same name). Placeholders: {first_name}, {last_name}, {name}, {email}, {company}, {title}, {location}, {source}, {stage}, {days_since_contact}, {last_purchase}, any custom field'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "list" -d 'The templates'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "show" -d 'One template'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "edit" -d 'Edit a template\'s body in $EDITOR (on a terminal)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "rm" -d 'Remove a template no rule uses'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'Every setting, its value and what it does'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'One setting\'s value'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Change a setting'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Back to the default'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "contacts" -d 'Contacts from a CSV file (or - for stdin): HubSpot, Google, LinkedIn, Outlook, Pipedrive, Mailchimp or your own'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "interactions" -d 'Interactions from a CSV file: each row names its contact by email or contact_id'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "all" -d 'Restore what `export all` wrote, into an empty database'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "list" -d 'Past import batches, or the possible duplicates they kept apart'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "undo" -d 'Remove what a batch added and restore what it changed'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from sync" -f -a "init" -d 'Join a sync folder (created if missing): a book with data publishes it, an empty one receives the folder\'s'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from sync" -f -a "status" -d 'The folder, this device, every other device and what is applied, pending changes, new conflicts'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from sync" -f -a "conflicts" -d 'Each conflict a sync resolved: when, which record, which field, the value kept and the one set aside'
