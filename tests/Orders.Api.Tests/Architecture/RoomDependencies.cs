using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Architecture;

/// <summary>One room's use of another, with an example of it to fix.</summary>
internal sealed record RoomUse(string From, string To, string Example);

/// <summary>
/// Which room uses which, found two ways: in the compiled assembly (every type a type's signatures,
/// attributes and method bodies refer to: what really runs), and in the source's using lines, which
/// also show what the compiler inlines and leaves no trace of in IL (a const, an enum value).
/// </summary>
internal static partial class RoomDependencies
{
    public static IReadOnlyList<RoomUse> InAssembly(string path)
    {
        using var module = ModuleDefinition.ReadModule(path);
        var uses = new Dictionary<(string, string), string>();
        foreach (var type in module.GetTypes())
        {
            if (Rooms.Of(TopLevel(type).Namespace) is not { } from)
            {
                continue;
            }
            foreach (var referenced in ReferencedBy(type))
            {
                if (Rooms.Of(TopLevel(referenced).Namespace) is { } to && to != from)
                {
                    uses.TryAdd((from, to), $"{type.FullName} uses {referenced.FullName}");
                }
            }
        }
        return [.. uses.Select(use => new RoomUse(use.Key.Item1, use.Key.Item2, use.Value))];
    }

    public static IReadOnlyList<RoomUse> InSources(string sourceRoot)
    {
        var uses = new Dictionary<(string, string), string>();
        foreach (var file in Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sourceRoot, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
            {
                continue;
            }
            var text = File.ReadAllText(file);
            if (Rooms.Of(NamespaceLine().Match(text).Groups[1].Value) is not { } from)
            {
                continue;
            }
            foreach (Match use in UsingLine().Matches(text))
            {
                if (Rooms.Of(use.Groups[1].Value) is { } to && to != from)
                {
                    uses.TryAdd((from, to), $"{relative} has using {use.Groups[1].Value}");
                }
            }
        }
        return [.. uses.Select(use => new RoomUse(use.Key.Item1, use.Key.Item2, use.Value))];
    }

    public static string ApiAssemblyPath => typeof(Program).Assembly.Location;

    public static string ApiSourceRoot => Path.Combine(RepositoryFiles.Root, "src", "Orders.Api");

    private static TypeReference TopLevel(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type;
    }

    private static List<TypeReference> ReferencedBy(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments) Add(argument);
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                default:
                    found.Add(reference);
                    return;
            }
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes) Add(attribute.AttributeType);
        }
        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters) Add(parameter.ParameterType);
            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments) Add(argument);
            }
        }

        Add(type.BaseType);
        AddAttributes(type);
        foreach (var contract in type.Interfaces) Add(contract.InterfaceType);
        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property);
        }
        foreach (var method in type.Methods)
        {
            AddMethod(method);
            AddAttributes(method);
            if (!method.HasBody) continue;
            foreach (var variable in method.Body.Variables) Add(variable.VariableType);
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operand: Add(operand); break;
                    case MethodReference operand: AddMethod(operand); break;
                    case FieldReference operand: Add(operand.DeclaringType); Add(operand.FieldType); break;
                }
            }
        }
        return found;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using\s+(?:static\s+)?(?:\w+\s*=\s*)?(Orders\.Api\.[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
