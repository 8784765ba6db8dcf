using Microsoft.Extensions.DependencyInjection;

namespace Orders.Api.Tests.Fixtures;

internal static class ServiceCollectionDecoration
{
    /// <summary>Wraps the last registration of <typeparamref name="TService"/> (a singleton) in a decorator.</summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate)
        where TService : class
    {
        var original = services.Last(descriptor => descriptor.ServiceType == typeof(TService));
        services.Remove(original);
        services.AddSingleton(provider => decorate((TService)(original.ImplementationFactory?.Invoke(provider)
            ?? original.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
        return services;
    }
}
