//! Error records and warnings exactly as Exchange and PowerShell word them. Each text cites the
//! section of docs/exchange-notes.md it comes from (a bare `§N` below means that document); texts
//! it does not give are marked "lab wording" and listed in docs/lab.md.

use super::clock;
use crate::shell::{ErrorRecord, Side};

/// PowerShell's `ErrorCategory` values used here.
pub mod category {
    /// NotSpecified: Exchange's own errors show `NotSpecified: (:)` (docs/exchange-notes.md §6.1).
    pub const NOT_SPECIFIED: i32 = 0;
    /// InvalidArgument.
    pub const INVALID_ARGUMENT: i32 = 5;
    /// ObjectNotFound.
    pub const OBJECT_NOT_FOUND: i32 = 13;
    /// LimitsExceeded.
    pub const LIMITS_EXCEEDED: i32 = 25;
}

/// An Exchange exception: its .NET type and message.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeError {
    /// Full .NET type name.
    pub exception: &'static str,
    /// Message.
    pub message: String,
}

const NOT_FOUND: &str = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException";
const AMBIGUOUS: &str = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException";
const INVALID_OPERATION: &str = "Microsoft.Exchange.Configuration.Tasks.TaskInvalidOperationException";
const RECIPIENT_TASK: &str = "Microsoft.Exchange.Management.Tasks.RecipientTaskException";
const AD_OPERATION: &str = "Microsoft.Exchange.Data.Directory.ADOperationException";
const ARGUMENT: &str = "System.ArgumentException";

impl ExchangeError {
    /// §6.2 `ErrorManagementObjectNotFoundWithSource`.
    pub fn not_found(identity: &str, dc: &str) -> Self {
        ExchangeError {
            exception: NOT_FOUND,
            message: format!(
                "The operation couldn't be performed because object '{identity}' couldn't be found on '{dc}'."
            ),
        }
    }

    /// §6.2 "matches multiple entries".
    pub fn ambiguous(identity: &str) -> Self {
        ExchangeError {
            exception: AMBIGUOUS,
            message: format!("The operation couldn't be performed because '{identity}' matches multiple entries."),
        }
    }

    /// §6.2 `ErrorRecipientNotFound` (a recipient named in a parameter value).
    pub fn recipient_not_found(identity: &str) -> Self {
        ExchangeError {
            exception: NOT_FOUND,
            message: format!(
                "Couldn't find object \"{identity}\". Please make sure that it was spelled correctly or specify a different object."
            ),
        }
    }

    /// §6.2 real example 3.
    pub fn database_not_found(db: &str) -> Self {
        ExchangeError {
            exception: NOT_FOUND,
            message: format!("Couldn't find database \"{db}\". Make sure you have typed it correctly."),
        }
    }

    /// §6.2 "The specified mailbox "{0}" doesn't exist."
    pub fn mailbox_does_not_exist(identity: &str) -> Self {
        ExchangeError { exception: NOT_FOUND, message: format!("The specified mailbox \"{identity}\" doesn't exist.") }
    }

    /// §1.1 `ErrorInvalidMailboxTypeConversion` (TaskInvalidOperationException per the 2013 code).
    pub fn invalid_conversion(identity: &str, from: &str, to: &str) -> Self {
        ExchangeError {
            exception: INVALID_OPERATION,
            message: format!(
                "Converting mailbox \"{identity}\" from type \"{from}\" to type \"{to}\" isn't supported."
            ),
        }
    }

    /// §1.2: `UpdateRemoteMailboxType` throws this ArgumentException when ProvisionMailbox is missing.
    pub fn needs_provision_mailbox() -> Self {
        ExchangeError {
            exception: ARGUMENT,
            message: "remoteMailbox.RemoteRecipientType must include ProvisionMailbox".into(),
        }
    }

    /// §6.3 KB 3096158 text: the AD write failed for lack of rights.
    pub fn access_denied(dc: &str) -> Self {
        ExchangeError {
            exception: AD_OPERATION,
            message: format!(
                "Active Directory operation failed on {dc}. This error is not retriable. Additional information: Insufficient access rights to perform the operation.\r\nActive directory response: 00002098: SecErr: DSID-03150889, problem 4003 (INSUF_ACCESS_RIGHTS), data 0\r\n"
            ),
        }
    }

    /// §6.3 template `ExceptionADOperationFailed` with AD's password-policy refusal: what enabling an
    /// account without a usable password (or with a weak one) returns (lab wording for the detail).
    pub fn password_policy(dc: &str) -> Self {
        ExchangeError {
            exception: AD_OPERATION,
            message: format!(
                "Active Directory operation failed on {dc}. This error is not retriable. Additional information: The password does not meet the password policy requirements. Check the minimum password length, password complexity and password history requirements.\r\nActive directory response: 0000052D: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0\r\n"
            ),
        }
    }

    /// Lab wording: the user named for Connect-Mailbox / Enable-RemoteMailbox already has a mailbox.
    pub fn already_mail_enabled(identity: &str, t: &str) -> Self {
        ExchangeError {
            exception: RECIPIENT_TASK,
            message: format!("The user \"{identity}\" is already mail-enabled (RecipientTypeDetails {t})."),
        }
    }
}

/// Warning texts (§6.4, §1.1, §3.2).
pub mod warning {
    /// §1.1 `WarningNoNeedToConvertMailboxType`; `{0}` is the Identity as given, `{1}` the -Type value.
    pub fn already_of_type(identity: &str, t: &str) -> String {
        format!("Couldn't convert the mailbox because the mailbox \"{identity}\" is already of the type \"{t}\".")
    }

    /// §6.4 `WarningForceMessageWithId`.
    pub fn no_settings_modified(identity: &str) -> String {
        format!("The command completed successfully but no settings of '{identity}' have been modified.")
    }

    /// §6.4 `InfoAceAlreadyPresent`.
    pub fn ace_already_present(object: &str, account: &str) -> String {
        format!(
            "The appropriate access control entry is already present on the object \"{object}\" for account \"{account}\"."
        )
    }

    /// Lab wording: Remove-*Permission found nothing to remove.
    pub fn ace_not_present(object: &str, account: &str) -> String {
        format!(
            "Can't remove the access control entry on the object \"{object}\" for account \"{account}\" because the ACE doesn't exist on the object."
        )
    }

    /// §3.2 `WarningMailboxNeverBeenLoggedOn`.
    pub fn never_logged_on(identity: &str, guid: &str) -> String {
        format!(
            "The user hasn't logged on to mailbox '{identity}' ('{guid}'), so there is no data to return. After the user logs on, this warning will no longer appear."
        )
    }

    /// Exchange's default-ResultSize warning (Get-Mailbox, Get-Recipient, ... without -ResultSize).
    pub fn more_results_default(n: usize) -> String {
        format!(
            "By default, only the first {n} items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify \"-ResultSize Unlimited\". Be aware that, depending on the actual number of items, returning all items can take a long time and consume a large amount of memory. Also, we don't recommend storing the results in a variable. Instead, pipe the results to another task or script to perform batch changes."
        )
    }

    /// Exchange's warning when an explicit -ResultSize cut the output.
    pub fn more_results_explicit() -> String {
        "There are more results available than currently displayed. To view them, increase the value for the ResultSize parameter.".into()
    }
}

/// Where the record is produced, for the FullyQualifiedErrorId shape.
pub struct Origin<'a> {
    /// Which side.
    pub side: Side,
    /// On-premises: the server's host name; online: a service host name.
    pub server: &'a str,
    /// Unix seconds.
    pub now: i64,
}

fn hex_code(parts: &[&str]) -> String {
    format!("{:08X}", super::model::stable_hash(parts, 11) as u32)
}

fn short(exception: &str) -> &str {
    exception.rsplit('.').next().unwrap_or(exception)
}

/// An Exchange error record (§6.1). On-premises: `[Server=EX01,RequestId=<guid>,TimeStamp=5/19/2020
/// 10:19:41 PM] [FailureCategory=Cmdlet-<Exception>] <HEX>,<cmdlet .NET type>`. Exchange Online (V3
/// module): message `Ex<hex>|<exception>|<text>` and id `[Server=..,RequestId=..,TimeStamp=<http
/// date>],Write-ErrorMessage` (fixture errors/exo-Get-Recipient-ManagementObjectNotFound.txt).
pub fn exchange_record(
    origin: &Origin<'_>,
    cmdlet: &str,
    dotnet_type: &str,
    err: &ExchangeError,
    target: &str,
) -> ErrorRecord {
    let request = uuid::Uuid::new_v4();
    let code = hex_code(&[err.exception, dotnet_type]);
    let (message, fqid) = match origin.side {
        Side::OnPremises => (
            err.message.clone(),
            format!(
                "[Server={},RequestId={request},TimeStamp={}] [FailureCategory=Cmdlet-{}] {code},{dotnet_type}",
                origin.server,
                clock::exchange_timestamp(origin.now),
                short(err.exception)
            ),
        ),
        Side::Online => (
            format!("Ex{}|{}|{}", &code[2..], err.exception, err.message),
            format!(
                "[Server={},RequestId={request},TimeStamp={}],Write-ErrorMessage",
                origin.server,
                clock::http_date(origin.now)
            ),
        ),
    };
    ErrorRecord {
        message,
        exception_type: Some(err.exception.to_string()),
        fully_qualified_error_id: fqid,
        category: category::NOT_SPECIFIED,
        reason: Some(short(err.exception).to_string()),
        activity: Some(cmdlet.to_string()),
        target_name: Some(String::new()),
        target_object: Some(target.to_string()),
        terminating: false,
        raw: None,
    }
}

/// PowerShell's CommandNotFoundException for a cmdlet the session does not have.
pub fn command_not_found(name: &str) -> ErrorRecord {
    ErrorRecord {
        message: format!(
            "The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
        ),
        exception_type: Some("System.Management.Automation.CommandNotFoundException".into()),
        fully_qualified_error_id: "CommandNotFoundException".into(),
        category: category::OBJECT_NOT_FOUND,
        reason: Some("CommandNotFoundException".into()),
        activity: Some(String::new()),
        target_name: Some(name.to_string()),
        target_object: Some(name.to_string()),
        terminating: true,
        raw: None,
    }
}

fn binding(message: String, fqid: String, cmdlet: &str, target: Option<String>) -> ErrorRecord {
    ErrorRecord {
        message,
        exception_type: Some("System.Management.Automation.ParameterBindingException".into()),
        fully_qualified_error_id: fqid,
        category: category::INVALID_ARGUMENT,
        reason: Some("ParameterBindingException".into()),
        activity: Some(cmdlet.to_string()),
        target_name: Some(String::new()),
        target_object: target,
        terminating: true,
        raw: None,
    }
}

/// PowerShell: the cmdlet has no such parameter (also what a missing RBAC role looks like, §6.3).
pub fn parameter_not_found(cmdlet: &str, dotnet_type: &str, name: &str) -> ErrorRecord {
    binding(
        format!("A parameter cannot be found that matches parameter name '{name}'."),
        format!("NamedParameterNotFound,{dotnet_type}"),
        cmdlet,
        None,
    )
}

/// PowerShell: an argument without a parameter name where the cmdlet takes no (more) positional one.
pub fn positional_not_found(cmdlet: &str, dotnet_type: &str, value: &str) -> ErrorRecord {
    binding(
        format!("A positional parameter cannot be found that accepts argument '{value}'."),
        format!("PositionalParameterNotFound,{dotnet_type}"),
        cmdlet,
        None,
    )
}

/// PowerShell: the same parameter given twice.
pub fn parameter_twice(cmdlet: &str, dotnet_type: &str, name: &str) -> ErrorRecord {
    binding(
        format!(
            "Cannot bind parameter because parameter '{name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\"."
        ),
        format!("ParameterAlreadyBound,{dotnet_type}"),
        cmdlet,
        None,
    )
}

/// PowerShell: a value that does not convert to the parameter's enum type.
pub fn enum_value_invalid(
    cmdlet: &str,
    dotnet_type: &str,
    param: &str,
    value: &str,
    enum_type: &str,
    valid: &[&str],
) -> ErrorRecord {
    binding(
        format!(
            "Cannot bind parameter '{param}'. Cannot convert value \"{value}\" to type \"{enum_type}\". Error: \"Unable to match the identifier name {value} to a valid enumerator name. Specify one of the following enumerator names and try again:\r\n{}\"",
            valid.join(", ")
        ),
        format!("CannotConvertArgumentNoMessage,{dotnet_type}"),
        cmdlet,
        Some(value.to_string()),
    )
}

/// PowerShell: a value of the wrong type (`shown` is the value as it may be printed: never a secret).
pub fn cannot_convert(cmdlet: &str, dotnet_type: &str, param: &str, shown: &str, from: &str, to: &str) -> ErrorRecord {
    binding(
        format!(
            "Cannot bind parameter '{param}'. Cannot convert the \"{shown}\" value of type \"{from}\" to type \"{to}\"."
        ),
        format!("CannotConvertArgumentNoMessage,{dotnet_type}"),
        cmdlet,
        None,
    )
}

/// PowerShell: a non-boolean given to a boolean parameter.
pub fn boolean_expected(cmdlet: &str, dotnet_type: &str, param: &str, from: &str) -> ErrorRecord {
    let mut r = binding(
        format!(
            "Cannot process argument transformation on parameter '{param}'. Cannot convert value \"{from}\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0."
        ),
        format!("ParameterArgumentTransformationError,{dotnet_type}"),
        cmdlet,
        None,
    );
    r.exception_type = Some("System.Management.Automation.ParameterBindingArgumentTransformationException".into());
    r.reason = Some("ParameterBindingArgumentTransformationException".into());
    r
}

/// PowerShell: a mandatory parameter has no value (the lab never prompts).
pub fn missing_mandatory(cmdlet: &str, dotnet_type: &str, param: &str) -> ErrorRecord {
    binding(
        format!("Cannot process command because of one or more missing mandatory parameters: {param}."),
        format!("MissingMandatoryParameter,{dotnet_type}"),
        cmdlet,
        None,
    )
}

/// PowerShell: switches of different parameter sets used together.
pub fn ambiguous_parameter_set(cmdlet: &str, dotnet_type: &str) -> ErrorRecord {
    binding(
        "Parameter set cannot be resolved using the specified named parameters.".into(),
        format!("AmbiguousParameterSet,{dotnet_type}"),
        cmdlet,
        None,
    )
}

/// §5.1 PowerShellMaxCmdlets: the budget error that ends the pipeline (exception type is the lab's choice).
pub fn throttled(origin: &Origin<'_>, seconds: u32) -> ErrorRecord {
    ErrorRecord {
        message: format!(
            "Operation aborted because the operation has exceeded your throttling policy budget. Please wait for {seconds} seconds."
        ),
        exception_type: Some("System.Management.Automation.Remoting.PSRemotingTransportException".into()),
        fully_qualified_error_id: format!(
            "[Server={},RequestId={},TimeStamp={}] [FailureCategory=AuthZ-CmdletThrottlingException] PSSessionStateBroken",
            origin.server,
            uuid::Uuid::new_v4(),
            clock::exchange_timestamp(origin.now)
        ),
        category: category::LIMITS_EXCEEDED,
        reason: Some("PSRemotingTransportException".into()),
        activity: Some(String::new()),
        target_name: Some(String::new()),
        target_object: None,
        terminating: true,
        raw: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_premises_record_has_exchange_shape() {
        let o =
            Origin { side: Side::OnPremises, server: "EX01", now: clock::parse_iso("2020-05-19T22:19:41Z").unwrap() };
        let r = exchange_record(
            &o,
            "Get-Mailbox",
            "Microsoft.Exchange.Management.RecipientTasks.GetMailbox",
            &ExchangeError::not_found("nobody", "DC01.contoso.com"),
            "nobody",
        );
        assert_eq!(
            r.message,
            "The operation couldn't be performed because object 'nobody' couldn't be found on 'DC01.contoso.com'."
        );
        let re = regex::Regex::new(
            r"^\[Server=EX01,RequestId=[0-9a-f-]{36},TimeStamp=5/19/2020 10:19:41 PM\] \[FailureCategory=Cmdlet-ManagementObjectNotFoundException\] [0-9A-F]{8},Microsoft\.Exchange\.Management\.RecipientTasks\.GetMailbox$",
        )
        .unwrap();
        assert!(re.is_match(&r.fully_qualified_error_id), "{}", r.fully_qualified_error_id);
        assert_eq!(r.reason.as_deref(), Some("ManagementObjectNotFoundException"));
        assert!(!r.terminating);
    }

    #[test]
    fn online_record_has_v3_module_shape() {
        let o = Origin {
            side: Side::Online,
            server: "AM6PR06MB5795",
            now: clock::parse_iso("2023-03-28T13:55:04Z").unwrap(),
        };
        let r =
            exchange_record(&o, "Get-Mailbox", "x", &ExchangeError::not_found("a@b", "DB6PR.prod.outlook.com"), "a@b");
        assert!(r.message.starts_with("Ex"), "{}", r.message);
        assert!(
            r.message
                .contains("|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation")
        );
        assert!(r.fully_qualified_error_id.ends_with("TimeStamp=Tue, 28 Mar 2023 13:55:04 GMT],Write-ErrorMessage"));
    }

    #[test]
    fn powershell_texts_are_exact() {
        assert_eq!(
            parameter_not_found("Set-Mailbox", "T", "Bogus").message,
            "A parameter cannot be found that matches parameter name 'Bogus'."
        );
        assert!(
            command_not_found("Get-Foo")
                .message
                .starts_with("The term 'Get-Foo' is not recognized as the name of a cmdlet")
        );
        assert_eq!(
            throttled(&Origin { side: Side::OnPremises, server: "EX01", now: 0 }, 5).message,
            "Operation aborted because the operation has exceeded your throttling policy budget. Please wait for 5 seconds."
        );
    }
}
